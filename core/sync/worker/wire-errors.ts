/**
 * Errors crossing from the sync worker to the thread that applies its work: sent as plain data and made
 * again as the same class with the same message and fields, so a refusal still names file, segment and
 * problem, and the sync status still tells "offline" from "the server said no" (FhirHttpError.status).
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import { FhirHttpError, FhirProtocolError } from '../fhir-client/http';
import { ImportRefusal } from '../source';

export interface WireError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  /** ImportRefusal */
  file?: string;
  location?: string;
  /** FhirHttpError, FhirProtocolError */
  url?: string;
  status?: number | null;
  attempts?: number;
  retryable?: boolean;
  outcome?: OperationOutcome | null;
}

export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const wire: WireError = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') wire.code = code;
  if (error instanceof ImportRefusal) Object.assign(wire, { file: error.file, location: error.location });
  if (error instanceof FhirHttpError) Object.assign(wire, { url: error.url, status: error.status, attempts: error.attempts, retryable: error.retryable, outcome: error.outcome });
  if (error instanceof FhirProtocolError) wire.url = error.url;
  return wire;
}

const PLAIN: Record<string, ErrorConstructor> = { TypeError, RangeError, SyntaxError };

export function fromWire(wire: WireError): Error {
  let error: Error;
  if (wire.name === 'ImportRefusal' && wire.file !== undefined && wire.location !== undefined) {
    const prefix = `${wire.file}: ${wire.location}: `;
    error = new ImportRefusal(wire.file, wire.location, wire.message.startsWith(prefix) ? wire.message.slice(prefix.length) : wire.message);
  } else if (wire.name === 'FhirHttpError') {
    error = new FhirHttpError(wire.message, { status: wire.status ?? null, url: wire.url ?? '', attempts: wire.attempts ?? 1, retryable: wire.retryable ?? false, outcome: wire.outcome ?? null });
  } else if (wire.name === 'FhirProtocolError') {
    error = new FhirProtocolError(wire.message, wire.url ?? '');
  } else {
    error = new (PLAIN[wire.name] ?? Error)(wire.message);
    if (!PLAIN[wire.name]) error.name = wire.name;
  }
  if (wire.code !== undefined) (error as Error & { code?: string }).code = wire.code;
  // Where it happened: the worker's stack, under this thread's.
  if (wire.stack) error.stack = `${error.stack ?? ''}\n    -- in the sync worker --\n${wire.stack}`;
  return error;
}
