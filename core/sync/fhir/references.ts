/** FHIR references: what a reference names, resolving it (contained or bundled), and namespaced local ids. */
import type { Json, MapContext } from './json';
import { isObject, objects, text } from './json';

export interface Resolved {
  resource: Json;
  /** Contained resources have ids local to their container: never used as identifiers. */
  contained: boolean;
}

const TYPED_REFERENCE = /(?:^|\/)([A-Z][A-Za-z]{1,63})\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;

/** The type and id a reference names, when it names them (`Patient/1`, `https://x/fhir/Patient/1`, `urn:uuid:…`). */
export function referenceParts(reference: string): { type: string | null; id: string } | null {
  const typed = TYPED_REFERENCE.exec(reference);
  if (typed) return { type: typed[1]!, id: typed[2]! };
  const uuid = /^urn:uuid:([A-Za-z0-9\-.]{1,64})$/i.exec(reference);
  return uuid ? { type: null, id: uuid[1]! } : null;
}

export function resolveReference(reference: unknown, container: Json, ctx: MapContext): Resolved | null {
  const ref = isObject(reference) ? text(reference.reference) : null;
  if (!ref) return null;
  if (ref.startsWith('#')) {
    const id = ref.slice(1);
    const found = objects(container.contained).find((c) => c.id === id);
    return found ? { resource: found, contained: true } : null;
  }
  const found = ctx.resolve(ref);
  return found ? { resource: found, contained: false } : null;
}

export const namespaced = (ctx: MapContext, type: string) => (ctx.base ? `fhir:${ctx.base}/${type}` : `fhir:${type}`);
