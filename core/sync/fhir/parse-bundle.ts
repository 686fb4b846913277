/**
 * Reads FHIR R4 JSON files into records (map-resources.ts does the mapping).
 *
 * parseFhirJson: one JSON document, a Bundle of any type or a single resource. Parsed whole (refused over
 * 256 MB: use NDJSON for more). Invalid JSON, a JSON that is not a resource (no resourceType) or an
 * OperationOutcome refuse the file. Records come out Patients first, then Coverages (both kind 'patient'),
 * then claims. In a Bundle, resources of other types are context (payor Organizations, the Claims a
 * ClaimResponse answers) and are skipped; a file holding one resource of another type is a rejected record.
 * References resolve to contained resources, then to bundle entries by fullUrl, then by Type/id (relative
 * to the entry's base when its fullUrl is a URL). Nested Bundles are read too ("entry 3.2").
 *
 * parseFhirNdjson: one resource per line (FHIR Bulk Data), streamed line by line, so memory stays flat
 * however long the file; references resolve only inside each line's resource (contained), so a claim names
 * its Patient by `fhir:Patient` identifier for the apply step to match. A bad line is a rejected record
 * ("line 7"), never a refusal.
 */
import type { ParsedRecord, RecordParser } from '../source';
import { ImportRefusal } from '../source';
import type { Json, MapContext } from './map-resources';
import { IMPORTED_TYPES, isObject, label, mapResource, rejected } from './map-resources';

export const MAX_JSON_BYTES = 256 * 1024 * 1024;
/** An NDJSON line longer than this is rejected without being held in memory whole. */
export const MAX_NDJSON_LINE = 16 * 1024 * 1024;
const MAX_BUNDLE_DEPTH = 4;

export interface FhirParserOptions {
  /** The FHIR server base URL the file came from: namespaces local ids (`fhir:<base>/Patient`). */
  baseUrl?: string | null;
  /** Refusal threshold for parseFhirJson (default 256 MB). */
  maxBytes?: number;
  /** Longest NDJSON line (default 16 MB). */
  maxLineChars?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Where a JSON syntax error is (JSON.parse does not always say)

interface SyntaxProblem {
  offset: number;
  message: string;
}

/** Finds the first syntax error of a text JSON.parse rejected: an iterative scanner, so deep nesting is fine. */
export function findJsonError(source: string): SyntaxProblem {
  let i = 0;
  const n = source.length;
  const ws = () => {
    while (i < n && (source[i] === ' ' || source[i] === '\t' || source[i] === '\n' || source[i] === '\r')) i++;
  };
  const describe = () => (i >= n ? 'the file ends too early' : `unexpected ${JSON.stringify(source[i])}`);
  const string = (): SyntaxProblem | null => {
    i++; // opening quote
    while (i < n) {
      const c = source.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return { offset: i, message: 'a control character (such as a line break) inside a string' };
      if (c === 0x5c) {
        const e = source[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) return { offset: i, message: 'an invalid \\u escape' };
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) return { offset: i, message: 'an invalid escape in a string' };
        i += 2;
        continue;
      }
      i++;
    }
    return { offset: i, message: 'a string is not closed' };
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  // Stack of open containers: '{' expects a key next, ':' a value after a key, ',' between members…
  const stack: ('array' | 'object')[] = [];
  type Expect = 'value' | 'key' | 'after-value' | 'end';
  let expect: Expect = 'value';
  for (;;) {
    ws();
    if (expect === 'end') {
      return i < n ? { offset: i, message: 'text after the end of the JSON value' } : { offset: n, message: 'invalid JSON' };
    }
    if (expect === 'key') {
      if (source[i] === '}') {
        // an empty object (a '}' after ',' was caught as a trailing comma)
        i++;
        stack.pop();
        expect = stack.length ? 'after-value' : 'end';
        continue;
      }
      if (source[i] !== '"') return { offset: i, message: `${describe()} where a property name in double quotes was expected` };
      const problem = string();
      if (problem) return problem;
      ws();
      if (source[i] !== ':') return { offset: i, message: `${describe()} where ':' was expected after a property name` };
      i++;
      expect = 'value';
      continue;
    }
    if (expect === 'after-value') {
      const top = stack[stack.length - 1];
      if (source[i] === ',') {
        i++;
        expect = top === 'object' ? 'key' : 'value';
        if (top === 'array') {
          ws();
          if (source[i] === ']') return { offset: i, message: "unexpected ']' after ',' (a trailing comma)" };
        } else {
          ws();
          if (source[i] === '}') return { offset: i, message: "unexpected '}' after ',' (a trailing comma)" };
        }
        continue;
      }
      if ((top === 'object' && source[i] === '}') || (top === 'array' && source[i] === ']')) {
        i++;
        stack.pop();
        expect = stack.length ? 'after-value' : 'end';
        continue;
      }
      return { offset: i, message: `${describe()} where ',' or '${top === 'object' ? '}' : ']'}' was expected` };
    }
    // a value
    const c = source[i];
    if (c === '{') {
      i++;
      stack.push('object');
      expect = 'key';
      continue;
    }
    if (c === '[') {
      i++;
      ws();
      if (source[i] === ']') {
        i++;
        expect = stack.length ? 'after-value' : 'end';
        continue;
      }
      stack.push('array');
      expect = 'value';
      continue;
    }
    if (c === '"') {
      const problem = string();
      if (problem) return problem;
    } else if (source.startsWith('true', i) || source.startsWith('null', i)) i += 4;
    else if (source.startsWith('false', i)) i += 5;
    else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(source);
      if (!m || m[0] === '' || m[0] === '-') return { offset: i, message: `${describe()} where a value was expected` };
      i += m[0].length;
    }
    expect = stack.length ? 'after-value' : 'end';
  }
}

function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = source.indexOf('\n'); k !== -1 && k < offset; k = source.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}

/** JSON.parse with a usable location on failure. */
function parseJson(source: string): { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string } {
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch {
    let problem: SyntaxProblem;
    try {
      problem = findJsonError(source);
    } catch {
      problem = { offset: 0, message: 'invalid JSON' };
    }
    return { ok: false, ...lineAndColumn(source, problem.offset), message: problem.message };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Bundles

interface Entry {
  resource: Json;
  fullUrl: string | null;
  location: string;
}

const TYPED_TAIL = /([A-Z][A-Za-z]{1,63}\/[A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]*)?$/;

/** `https://x/fhir/Patient/1` -> base `https://x/fhir`. */
function baseOf(fullUrl: string | null): string | null {
  if (!fullUrl || !/^https?:\/\//i.test(fullUrl)) return null;
  const tail = TYPED_TAIL.exec(fullUrl);
  return tail ? fullUrl.slice(0, tail.index).replace(/\/$/, '') : null;
}

/** Walks a Bundle (and Bundles inside it), collecting resource entries and rejecting unusable ones. */
function collectEntries(bundle: Json, prefix: string, depth: number, entries: Entry[], problems: ParsedRecord[]): void {
  const list = Array.isArray(bundle.entry) ? bundle.entry : [];
  list.forEach((entry: unknown, i) => {
    const at = `entry ${prefix}${i + 1}`;
    if (!isObject(entry)) {
      problems.push({ kind: 'rejected', rejected: rejected(at, 'a Bundle entry that is not an object', entry) });
      return;
    }
    const resource = entry.resource;
    if (resource === undefined) {
      // transaction-response / history entries (request or response only) carry nothing to import.
      if (!isObject(entry.request) && !isObject(entry.response)) problems.push({ kind: 'rejected', rejected: rejected(at, 'a Bundle entry without a resource', entry) });
      return;
    }
    if (!isObject(resource) || typeof resource.resourceType !== 'string') {
      problems.push({ kind: 'rejected', rejected: rejected(at, 'not a FHIR resource (no resourceType)', resource) });
      return;
    }
    if (resource.resourceType === 'Bundle') {
      if (depth >= MAX_BUNDLE_DEPTH) problems.push({ kind: 'rejected', rejected: rejected(at, `Bundles nested more than ${MAX_BUNDLE_DEPTH} deep`, resource) });
      else collectEntries(resource, `${prefix}${i + 1}.`, depth + 1, entries, problems);
      return;
    }
    const fullUrl = typeof entry.fullUrl === 'string' ? entry.fullUrl : null;
    entries.push({ resource, fullUrl, location: `${at} (${label(resource)})` });
  });
}

const PHASE: Record<string, number> = { Patient: 0, Coverage: 1, ExplanationOfBenefit: 2, ClaimResponse: 2 };

function* bundleRecords(bundle: Json, options: FhirParserOptions): Generator<ParsedRecord> {
  const entries: Entry[] = [];
  const problems: ParsedRecord[] = [];
  collectEntries(bundle, '', 1, entries, problems);
  const byFullUrl = new Map<string, Json>();
  const byTypeId = new Map<string, Json>();
  for (const e of entries) {
    if (e.fullUrl && !byFullUrl.has(e.fullUrl)) byFullUrl.set(e.fullUrl, e.resource);
    if (typeof e.resource.id === 'string') {
      const key = `${e.resource.resourceType}/${e.resource.id}`;
      if (!byTypeId.has(key)) byTypeId.set(key, e.resource);
    }
  }
  const contextFor = (entry: Entry): MapContext => {
    const entryBase = baseOf(entry.fullUrl);
    return {
      base: options.baseUrl ?? entryBase,
      resolve(reference) {
        const ref = reference.replace(/\/_history\/[^/]*$/, '');
        if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
          const found = byFullUrl.get(ref);
          if (found) return found;
          // An absolute URL on the entry's own server may also match an entry by Type/id.
          const tail = TYPED_TAIL.exec(ref);
          return tail && entryBase && ref.startsWith(`${entryBase}/`) ? (byTypeId.get(tail[1]!) ?? null) : null;
        }
        if (entryBase) {
          const found = byFullUrl.get(`${entryBase}/${ref}`);
          if (found) return found;
        }
        return byTypeId.get(ref) ?? null;
      },
    };
  };
  yield* problems;
  for (const phase of [0, 1, 2]) {
    for (const entry of entries) {
      if (PHASE[entry.resource.resourceType as string] !== phase) continue;
      yield mapResource(entry.resource, contextFor(entry), entry.location);
    }
  }
}

/** A single top-level resource (not a Bundle). */
function singleRecord(resource: Json, options: FhirParserOptions, location: string): ParsedRecord {
  const ctx: MapContext = { base: options.baseUrl ?? null, resolve: () => null };
  return mapResource(resource, ctx, location);
}

function operationOutcomeText(resource: Json): string {
  const issues = Array.isArray(resource.issue) ? resource.issue.filter(isObject) : [];
  const words = issues
    .map((issue) => (typeof issue.diagnostics === 'string' ? issue.diagnostics : isObject(issue.details) && typeof issue.details.text === 'string' ? issue.details.text : String(issue.code ?? '')))
    .filter(Boolean)
    .join('; ');
  return words.length > 300 ? `${words.slice(0, 300)}…` : words || 'no details';
}

// ---------------------------------------------------------------------------------------------------------
// Parsers

/** A parser of whole FHIR JSON files, optionally for a known server base. */
export function fhirJsonParser(options: FhirParserOptions = {}): RecordParser {
  const maxBytes = options.maxBytes ?? MAX_JSON_BYTES;
  return async function* parseJsonFile(chunks, file) {
    const parts: string[] = [];
    let bytes = 0;
    for await (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      if (bytes > maxBytes) throw new ImportRefusal(file, `byte ${maxBytes + 1}`, `larger than ${Math.round(maxBytes / 1024 / 1024)} MB: export NDJSON (one resource per line) instead`);
      parts.push(chunk);
    }
    const source = parts.join('').replace(/^\uFEFF/, '');
    parts.length = 0;
    if (source.trim() === '') throw new ImportRefusal(file, 'byte 1', 'the file is empty');
    const parsed = parseJson(source);
    if (!parsed.ok) throw new ImportRefusal(file, `line ${parsed.line}, column ${parsed.column}`, `invalid JSON: ${parsed.message}`);
    const value = parsed.value;
    if (!isObject(value) || typeof value.resourceType !== 'string') throw new ImportRefusal(file, 'byte 1', 'not a FHIR resource: the JSON has no resourceType');
    if (value.resourceType === 'OperationOutcome') throw new ImportRefusal(file, 'byte 1', `the server sent an error (OperationOutcome), not data: ${operationOutcomeText(value)}`);
    if (value.resourceType === 'Bundle') {
      yield* bundleRecords(value, options);
      return;
    }
    yield singleRecord(value, options, `entry 1 (${label(value)})`);
  };
}

async function* ndjsonLines(chunks: AsyncIterable<string>, maxLine: number): AsyncGenerator<{ number: number; text: string | null; length: number }> {
  let pending: string[] = [];
  let pendingLength = 0;
  let tooLong = false;
  let number = 0;
  const finish = () => {
    number += 1;
    const line = tooLong ? null : pending.join('');
    const length = pendingLength;
    pending = [];
    pendingLength = 0;
    tooLong = false;
    return { number, text: line, length };
  };
  const add = (piece: string) => {
    pendingLength += piece.length;
    if (tooLong) return;
    if (pendingLength > maxLine) {
      tooLong = true;
      pending = [];
    } else pending.push(piece);
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let k = chunk.indexOf('\n'); k !== -1; k = chunk.indexOf('\n', start)) {
      add(chunk.slice(start, k));
      yield finish();
      start = k + 1;
    }
    add(chunk.slice(start));
  }
  if (pendingLength > 0) yield finish();
}

/** A parser of NDJSON (one resource per line), optionally for a known server base. */
export function fhirNdjsonParser(options: FhirParserOptions = {}): RecordParser {
  const maxLine = options.maxLineChars ?? MAX_NDJSON_LINE;
  return async function* parseNdjsonFile(chunks) {
    for await (const { number, text, length } of ndjsonLines(chunks, maxLine)) {
      const at = `line ${number}`;
      if (text === null) {
        yield { kind: 'rejected', rejected: rejected(at, `a line of ${length} characters (at most ${maxLine})`, '') };
        continue;
      }
      const line = (number === 1 ? text.replace(/^\uFEFF/, '') : text).replace(/\r$/, '');
      if (line.trim() === '') continue;
      const parsed = parseJson(line);
      if (!parsed.ok) {
        yield { kind: 'rejected', rejected: rejected(at, `invalid JSON at column ${parsed.column}: ${parsed.message}`, line) };
        continue;
      }
      const value = parsed.value;
      if (!isObject(value) || typeof value.resourceType !== 'string') {
        yield { kind: 'rejected', rejected: rejected(at, 'not a FHIR resource (no resourceType)', line) };
        continue;
      }
      if (value.resourceType === 'Bundle') {
        for (const record of bundleRecords(value, options)) {
          yield record.kind === 'rejected' ? { kind: 'rejected', rejected: { ...record.rejected, location: `${at}, ${record.rejected.location}` } } : record;
        }
        continue;
      }
      // Other resource types in a Bulk Data export are context, as in a Bundle.
      if (!IMPORTED_TYPES.has(value.resourceType)) continue;
      yield singleRecord(value, options, `${at} (${label(value)})`);
    }
  };
}

export const parseFhirJson: RecordParser = fhirJsonParser();
export const parseFhirNdjson: RecordParser = fhirNdjsonParser();

/** For callers that hold a resource already (a FHIR server client): the same records as a file would give. */
export function recordsOfResource(resource: Json, options: FhirParserOptions = {}): ParsedRecord[] {
  if (resource.resourceType === 'Bundle') return [...bundleRecords(resource, options)];
  return [singleRecord(resource, options, `entry 1 (${label(resource)})`)];
}
