/**
 * Sends one resource to the main system with a FHIR conditional create
 * (`If-None-Exist: identifier=system|value`), so a retry — after a timeout,
 * a dropped connection, a crash before the outbox row was marked sent — finds
 * the resource the first attempt created instead of creating a second one.
 */
import type { Identifier, Resource } from '@medplum/fhirtypes';
import type { HttpOptions } from './http';
import { FhirProtocolError, requestJson } from './http';

export interface PushResult<T extends Resource> {
  /** 'created' (HTTP 201) or 'existing' (HTTP 200: an earlier attempt, or another sender, created it). */
  outcome: 'created' | 'existing';
  resource: T & { id: string };
  /** "Type/id" on the main system. */
  reference: string;
  status: number;
  attempts: number;
}

/** The If-None-Exist value for an identifier; system and value are percent-encoded. */
export function ifNoneExist(identifier: { system: string; value: string }): string {
  return `identifier=${encodeURIComponent(identifier.system)}|${encodeURIComponent(identifier.value)}`;
}

export async function pushResource<T extends Resource>(baseUrl: string, resource: T, identifier: { system: string; value: string }, options: HttpOptions = {}): Promise<PushResult<T>> {
  if (!identifier.system || !identifier.value) throw new RangeError('A pushed resource needs an identifier with a system and a value.');
  // The server assigns id and meta; the identifier it is found by must be on the resource.
  const { id: _id, meta: _meta, ...rest } = resource;
  const identifiers = ((rest as { identifier?: Identifier[] }).identifier ?? []).slice();
  if (!identifiers.some((i) => i.system === identifier.system && i.value === identifier.value)) identifiers.push({ system: identifier.system, value: identifier.value });
  const body = { ...rest, identifier: identifiers } as unknown as T;

  const url = `${baseUrl.replace(/\/+$/, '')}/${resource.resourceType}`;
  const response = await requestJson(url, { method: 'POST', headers: { 'if-none-exist': ifNoneExist(identifier) }, body: JSON.stringify(body) }, options);
  const stored = response.body as (T & { id?: string }) | null;
  if (stored?.resourceType !== resource.resourceType || typeof stored.id !== 'string') {
    throw new FhirProtocolError(`Expected the stored ${resource.resourceType} back from ${url}, got ${stored?.resourceType ?? 'nothing'}.`, url);
  }
  return {
    outcome: response.status === 201 ? 'created' : 'existing',
    resource: stored as T & { id: string },
    reference: `${stored.resourceType}/${stored.id}`,
    status: response.status,
    attempts: response.attempts,
  };
}
