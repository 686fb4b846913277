/** Coverage -> ImportedCoverage, the payer program (programOf), and a claim's coverage (table: map-resources.ts). */
import type { PayerProgram } from '../../../shared/domain';
import { PAYER_PROGRAMS } from '../../../shared/domain';
import type { ImportedCoverage, ImportedPatient } from '../records';
import type { Json, MapContext } from './json';
import { bounded, codesOf, codingsOf, fail, isObject, label, moneyCents, objects, text } from './json';
import { identifierType, referencedPatient } from './patient';
import { namespaced, referenceParts, resolveReference } from './references';
import { PROGRAM_SYSTEM } from './vocabulary';

const SOPT_SYSTEM = 'urn:oid:2.16.840.1.113883.3.221.5';

/** Texts and codings that say what kind of coverage this is, plus CMS dual-eligibility codes. */
interface ProgramEvidence {
  codings: Json[];
  texts: string[];
  selfPayPayor: boolean;
  dualCodes: string[];
}

function emptyEvidence(): ProgramEvidence {
  return { codings: [], texts: [], selfPayPayor: false, dualCodes: [] };
}

function addConcept(evidence: ProgramEvidence, concept: unknown): void {
  if (!isObject(concept)) return;
  for (const c of codingsOf(concept)) {
    evidence.codings.push(c);
    for (const t of [c.code, c.display]) if (text(t)) evidence.texts.push(String(t));
  }
  if (text(concept.text)) evidence.texts.push(String(concept.text));
}

export function programOf(evidence: ProgramEvidence): PayerProgram {
  const own = evidence.codings.find((c) => c.system === PROGRAM_SYSTEM && (PAYER_PROGRAMS as readonly unknown[]).includes(c.code));
  if (own) return own.code as PayerProgram;
  const sopt = evidence.codings.filter((c) => c.system === SOPT_SYSTEM).flatMap((c) => text(c.code) ?? []);
  const all = evidence.texts.join(' | ').replace(/centers for medicare (?:and|&) medicaid services/gi, 'Medicare');
  const codes = evidence.codings.flatMap((c) => text(c.code) ?? []);
  if (evidence.selfPayPayor || codes.includes('pay') || sopt.some((s) => s.startsWith('8')) || /\bself[\s_-]?pay|\bno[\s_-]?insurance|\buninsured/i.test(all)) return 'self_pay';
  if (/\bqmb\b|qualified medicare beneficiar/i.test(all)) return 'qmb';
  const latestDual = evidence.dualCodes.find((c) => /^\d{2}$/.test(c));
  if (latestDual === '01' || latestDual === '02') return 'qmb';
  if (/medicare advantage|\bpart c\b|medicare (?:hmo|ppo|pffs|snp)|\bma-?pd\b/i.test(all) || sopt.some((s) => s.startsWith('11'))) return 'medicare_advantage';
  if (/medicaid|medi-cal|\bchip\b|dual[\s_-]?eligib/i.test(all) || sopt.some((s) => s.startsWith('2'))) return 'medicaid';
  if (/medicare|\bcms\b/i.test(all) || sopt.some((s) => s.startsWith('1'))) return 'medicare';
  return 'commercial';
}

/** A party (payor, insurer): its name from display, the resolved resource, or its identifier. */
function partyName(reference: unknown, container: Json, ctx: MapContext, evidence: ProgramEvidence): string | null {
  if (!isObject(reference)) return null;
  const resolved = resolveReference(reference, container, ctx);
  const type = resolved ? resolved.resource.resourceType : referenceParts(text(reference.reference) ?? '')?.type;
  if (type === 'Patient' || type === 'RelatedPerson') evidence.selfPayPayor = true;
  const names: string[] = [];
  if (text(reference.display)) names.push(String(reference.display).trim());
  if (resolved && text(resolved.resource.name)) names.push(String(resolved.resource.name).trim());
  if (isObject(reference.identifier) && text(reference.identifier.value)) names.push(String(reference.identifier.value).trim());
  // A pre-standard producer wrote the payer's name where a reference belongs ({"reference": "Medicare"}).
  const ref = text(reference.reference);
  if (ref && !ref.startsWith('#') && !referenceParts(ref) && !/^[a-z]+:/i.test(ref)) names.push(ref);
  evidence.texts.push(...names);
  const first = names[0];
  return first ? bounded(first, 'the payer name') : null;
}

function copayOf(resource: Json): number | null {
  const costs = objects(resource.costToBeneficiary);
  for (const wanted of ['copay', 'gpvisit']) {
    const cost = costs.find((c) => codesOf(c.type).includes(wanted) && isObject(c.valueMoney));
    if (cost) {
      const cents = moneyCents(cost.valueMoney, `costToBeneficiary ${wanted}`);
      if (cents !== null) return cents >= 0 ? cents : fail(`costToBeneficiary ${wanted}: a negative copay`);
    }
  }
  return null;
}

function memberIdOf(resource: Json): string | null {
  const member = objects(resource.identifier).find((i) => identifierType(i).includes('MB') && text(i.value));
  if (member) return bounded(String(member.value).trim(), 'the member ID');
  const relationship = codesOf(resource.relationship);
  const subscriber = text(resource.subscriberId);
  return subscriber && (relationship.length === 0 || relationship.includes('self')) ? bounded(subscriber, 'the subscriber ID') : null;
}

/** CMS BFD Coverage extensions dual_01 … dual_12 (monthly dual-eligibility codes), latest month first. */
function dualCodes(resource: Json): string[] {
  return objects(resource.extension)
    .flatMap((e) => {
      const month = typeof e.url === 'string' ? /\/dual_(\d{2})$/.exec(e.url)?.[1] : undefined;
      const code = isObject(e.valueCoding) ? text(e.valueCoding.code) : null;
      return month && code ? [{ month, code }] : [];
    })
    .sort((a, b) => b.month.localeCompare(a.month))
    .map((d) => d.code);
}

function mapCoverageResource(resource: Json, contained: boolean, ctx: MapContext, insurer: { name: string | null; evidence: ProgramEvidence } | null): ImportedCoverage {
  const evidence = emptyEvidence();
  addConcept(evidence, resource.type);
  for (const c of objects(resource.class)) {
    addConcept(evidence, c.type);
    for (const t of [c.value, c.name]) if (text(t)) evidence.texts.push(String(t));
  }
  evidence.dualCodes = dualCodes(resource);
  const payors = objects(resource.payor);
  const payerName = payors.map((p) => partyName(p, resource, ctx, evidence)).find((n) => n !== null) ?? insurer?.name ?? 'Unknown payer';
  if (insurer) evidence.texts.push(...insurer.evidence.texts);
  const order = resource.order;
  const id = text(resource.id);
  return {
    payerName,
    program: programOf(evidence),
    memberId: memberIdOf(resource),
    priority: typeof order === 'number' && Number.isInteger(order) && order >= 1 ? order : 1,
    copayCents: copayOf(resource),
    externalId: id && !contained ? `${namespaced(ctx, 'Coverage')}/${bounded(id, 'the Coverage id', 64)}` : null,
  };
}

/** A Coverage resource and its beneficiary. */
export function mapCoverage(resource: Json, ctx: MapContext): { patient: ImportedPatient; coverage: ImportedCoverage } {
  if (resource.resourceType !== 'Coverage') fail(`expected a Coverage, found ${label(resource)}`);
  const patient = referencedPatient(resource.beneficiary ?? resource.subscriber, resource, ctx, 'beneficiary');
  return { patient, coverage: mapCoverageResource(resource, false, ctx, null) };
}

/** The coverage of a claim: insurance (focal, else first).coverage resolved; else built from the insurer. */
export function claimCoverage(resource: Json, ctx: MapContext): ImportedCoverage | null {
  const evidence = emptyEvidence();
  const insurerName = partyName(resource.insurer, resource, ctx, evidence);
  const insurance = objects(resource.insurance);
  const chosen = insurance.find((i) => i.focal === true) ?? insurance[0];
  const reference = chosen && isObject(chosen.coverage) ? chosen.coverage : null;
  const resolved = reference ? resolveReference(reference, resource, ctx) : null;
  if (resolved && resolved.resource.resourceType === 'Coverage') return mapCoverageResource(resolved.resource, resolved.contained, ctx, { name: insurerName, evidence });
  const ref = reference ? text(reference.reference) : null;
  const parts = ref && !ref.startsWith('#') ? referenceParts(ref) : null;
  if (reference) {
    if (text(reference.display)) evidence.texts.push(String(reference.display));
    // A Coverage given by identifier only (BFD partially adjudicated claims: payers-name "MEDICARE").
    if (isObject(reference.identifier) && text(reference.identifier.value)) evidence.texts.push(String(reference.identifier.value));
  }
  const name = insurerName ?? (reference && text(reference.display)) ?? (reference && isObject(reference.identifier) ? text(reference.identifier.value) : null);
  if (!name && !parts) return null;
  return {
    payerName: bounded(name ?? 'Unknown payer', 'the payer name'),
    program: programOf(evidence),
    memberId: null,
    priority: 1,
    copayCents: null,
    externalId: parts && (parts.type === 'Coverage' || parts.type === null) ? `${namespaced(ctx, 'Coverage')}/${parts.id}` : null,
  };
}
