/** Patient -> ImportedPatient, and the patient a claim or coverage points at (table: map-resources.ts). */
import type { Identifier, ImportedPatient } from '../records';
import type { Json, MapContext } from './json';
import { bounded, codesOf, fail, isObject, isoDate, label, objects, text } from './json';
import { namespaced, referenceParts, resolveReference } from './references';

/** Identifiers a front desk must not collect just to match people: SSN, driver's licence, passport. */
const SENSITIVE_TYPES = new Set(['SS', 'SB', 'DL', 'PPN']);
const SENSITIVE_SYSTEMS = /us-ssn|2\.16\.840\.1\.113883\.4\.1$|passport|driver/i;

/** Identifier type codes (v2-0203 MR, MB, SS…; CARIN uc…), whatever the code system. */
export const identifierType = (identifier: Json): string[] => codesOf(identifier.type);

function mapName(resource: Json): { familyName: string; givenName: string } {
  const names = objects(resource.name);
  const name = names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'old' && n.use !== 'maiden') ?? names[0];
  if (!name) return { familyName: '', givenName: '' };
  const family = text(name.family) ?? '';
  const given = (Array.isArray(name.given) ? name.given : []).flatMap((g) => text(g) ?? []).join(' ');
  if (!family && !given) return { familyName: bounded(text(name.text) ?? '', 'the name'), givenName: '' };
  return { familyName: bounded(family, 'the family name'), givenName: bounded(given, 'the given name') };
}

function mapPhone(resource: Json): string | null {
  const phones = objects(resource.telecom)
    .filter((t) => t.system === 'phone' && text(t.value))
    .sort((a, b) => (typeof a.rank === 'number' ? a.rank : 1e9) - (typeof b.rank === 'number' ? b.rank : 1e9));
  for (const phone of phones) {
    let digits = String(phone.value).replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length === 10) return digits;
  }
  return null;
}

export function mapPatient(resource: Json, ctx: MapContext, contained = false): ImportedPatient {
  if (resource.resourceType !== 'Patient') fail(`expected a Patient, found ${label(resource)}`);
  const identifiers: Identifier[] = [];
  let mrn: string | null = null;
  for (const identifier of objects(resource.identifier)) {
    const value = text(identifier.value);
    if (!value) continue;
    const types = identifierType(identifier);
    const system = text(identifier.system) ?? 'fhir:patient-identifier';
    if (types.some((t) => SENSITIVE_TYPES.has(t)) || SENSITIVE_SYSTEMS.test(system)) continue;
    identifiers.push({ system: bounded(system, 'an identifier system'), value: bounded(value, 'an identifier') });
    if (!mrn && types.includes('MR')) mrn = value;
  }
  const id = text(resource.id);
  if (id && !contained) identifiers.push({ system: namespaced(ctx, 'Patient'), value: bounded(id, 'the Patient id', 64) });
  // Only a full date: a year or year-month birthDate cannot tell two people apart.
  const dob = typeof resource.birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(resource.birthDate) ? isoDate(resource.birthDate) : null;
  return { identifiers, ...mapName(resource), dob, phone: mapPhone(resource), mrn };
}

/** The patient a claim or coverage points at: the resolved Patient, or only its identifiers when it is elsewhere. */
export function referencedPatient(reference: unknown, container: Json, ctx: MapContext, field: string): ImportedPatient {
  if (!isObject(reference)) return fail(`no ${field}: the patient is unknown`);
  const resolved = resolveReference(reference, container, ctx);
  if (resolved) {
    if (resolved.resource.resourceType !== 'Patient') fail(`${field} points at ${label(resolved.resource)}, not a Patient`);
    return mapPatient(resolved.resource, ctx, resolved.contained);
  }
  const identifiers: Identifier[] = [];
  const ref = text(reference.reference);
  const conditional = ref ? /^Patient\?identifier=([^&]+)$/.exec(ref) : null;
  if (conditional) {
    // A transaction Bundle's conditional reference: Patient?identifier=system|value.
    let search: string;
    try {
      search = decodeURIComponent(conditional[1]!);
    } catch {
      search = conditional[1]!;
    }
    const bar = search.indexOf('|');
    const system = bar >= 0 ? search.slice(0, bar) : '';
    const value = bar >= 0 ? search.slice(bar + 1) : search;
    if (value) identifiers.push({ system: bounded(system || 'fhir:patient-identifier', 'an identifier system'), value: bounded(value, 'an identifier') });
  } else if (ref) {
    if (ref.startsWith('#')) fail(`${field} ${ref.slice(0, 80)} names a contained resource that is not there`);
    const parts = referenceParts(ref);
    if (!parts) fail(`${field} '${ref.slice(0, 80)}' is not a reference to a Patient`);
    if (parts!.type !== null && parts!.type !== 'Patient') fail(`${field} '${ref.slice(0, 80)}' is not a Patient`);
    identifiers.push({ system: namespaced(ctx, 'Patient'), value: parts!.id });
  }
  if (isObject(reference.identifier)) {
    const value = text(reference.identifier.value);
    if (value) identifiers.push({ system: bounded(text(reference.identifier.system) ?? 'fhir:patient-identifier', 'an identifier system'), value: bounded(value, 'an identifier') });
  }
  if (!identifiers.length) fail(`${field} names no Patient (no reference, no identifier)`);
  return { identifiers, familyName: '', givenName: '', dob: null, phone: null, mrn: null };
}
