/**
 * The desk's FHIR R4 client for the practice's main system: pull changes
 * (fetchUpdates), push outbox messages (outboxToFhir + pushResource, or
 * pushOutboxRow for both). Plain Node (global fetch); no Medplum at run time.
 */
import type { HttpOptions } from './http';
import type { OutboxMappingOptions, OutboxResource, OutboxRow } from './outbox-mapping';
import { outboxIdentifier, outboxToFhir } from './outbox-mapping';
import type { PushResult } from './push';
import { pushResource } from './push';

export type { RetryPolicy } from './backoff';
export { DEFAULT_RETRY_POLICY, backoffDelay, isRetryableStatus, parseRetryAfter, retryPolicy } from './backoff';
export type { FetchUpdatesOptions, UpdatePage } from './fetch-updates';
export { DEFAULT_PAGE_SIZE, fetchUpdates } from './fetch-updates';
export type { HttpOptions, JsonResponse, RetryInfo } from './http';
export { FhirHttpError, FhirProtocolError, requestJson } from './http';
export { compareInstants, isInstant, laterInstant } from './instants';
export type { OutboxKind, OutboxMappingOptions, OutboxResource, OutboxRow } from './outbox-mapping';
export { OUTBOX_KINDS, OUTBOX_SYSTEM, OutboxMappingError, outboxIdentifier, outboxToFhir } from './outbox-mapping';
export type { PushResult } from './push';
export { ifNoneExist, pushResource } from './push';

/**
 * Maps one outbox row and pushes it (conditional create on its idempotency key). `reference`
 * ("Type/id") is what to store as outbox.remote_ref. Throws OutboxMappingError (reject the row),
 * FhirHttpError (retryable: false means the main system refused it; true means try again later).
 */
export function pushOutboxRow(baseUrl: string, row: OutboxRow, options: HttpOptions & { mapping?: OutboxMappingOptions } = {}): Promise<PushResult<OutboxResource>> {
  const { mapping, ...http } = options;
  return pushResource(baseUrl, outboxToFhir(row, mapping), outboxIdentifier(row), http);
}
