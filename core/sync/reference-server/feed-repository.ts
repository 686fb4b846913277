/**
 * Medplum's MemoryRepository, with the two things a main system needs and
 * the memory repository lacks at 200,000 patients:
 *
 * 1. A server clock for meta.lastUpdated that never repeats and never goes
 *    back (one per repository, all types). A change feed paged by
 *    `_lastUpdated=gt<last seen>` then never skips a resource that shares a
 *    millisecond with the page boundary. Seeded resources are stamped in the
 *    past, one millisecond apart, in the order they were seeded.
 * 2. Indexes for the two searches sync makes: the change feed (`_lastUpdated`
 *    bounds, sorted by `_lastUpdated`) and `identifier=system|value` (conditional
 *    create). MemoryRepository.search clones every match and sorts with a
 *    FHIRPath evaluation per comparison: a 1,000-entry page of 13,445 EOBs took
 *    1.6 s, so paging 540,000 EOBs would take hours. Here a page costs a binary
 *    search plus the page's own reads. Any other search goes to Medplum unchanged.
 *
 * 3. Each stored version's JSON text, made when it is written (as FHIR servers
 *    keep a resource's text and write search results from it): a feed page is
 *    joined from text instead of serializing every resource again (`jsonOf`).
 *    The server shares the machine's CPU with the client in tests and the
 *    bench: serving a 40,000-patient full sync took it 3.1 s of CPU instead of
 *    3.9 s. (Keeping UTF-8 Buffers instead measured slower at 200,000 patients.)
 *
 * Storage, versioning, history, reads, conditional create/update and search
 * semantics stay Medplum's.
 */
import type { SearchRequest, WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Resource } from '@medplum/fhirtypes';

/** A resource's current version, shared by all its entries in the change log. */
interface Slot {
  id: string;
  /** Stamp of the current version; NaN once deleted. */
  stamp: number;
  /** The stored object of the current version (see storedResource), if Medplum's map could be reached. */
  stored: Resource | undefined;
}

/**
 * One type's change log: an entry per version written, in stamp order (stamps strictly increase). An entry
 * whose stamp is not its slot's is an older version. Paging reads the slots, not maps: looking a 540,000-entry
 * Map up twice per entry was a sixth of the server's CPU during a sync.
 */
interface FeedLog {
  stamps: number[];
  slots: Slot[];
  /** id -> its slot (absent once deleted). */
  current: Map<string, Slot>;
}

const FEED_KEYS = new Set(['resourceType', 'filters', 'sortRules', 'count', 'offset', 'total', 'format', 'pretty']);
/** An instant at millisecond precision or coarser seconds, with a zone: what this fast path compares exactly. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The JSON text kept on a stored object: not enumerable, so neither JSON nor a spread copy carries it (a copy
 * that is then changed never passes for the stored version). An update stores a new object, so a stale
 * text is never found. A property, not a WeakMap: one lookup fewer per resource served.
 */
const JSON_TEXT = Symbol('json text');

/** Whether a search bundle from this repository has more matches after its entries (see hasMoreMatches). */
const moreAfter = new WeakMap<object, boolean>();

/** True/false when the repository knows whether matches follow the bundle's entries; undefined when it does not. */
export function hasMoreMatches(bundle: object): boolean | undefined {
  return moreAfter.get(bundle);
}

export class FeedRepository extends MemoryRepository {
  private lastStamp = 0;
  /** While seeding: stamps continue from here, 1 ms apart, ignoring the wall clock. */
  private seeding = false;
  private readonly feeds = new Map<string, FeedLog>();
  /** type -> "system|value" -> ids; built on a type's first identifier search, then kept up to date. */
  private readonly identifierIndexes = new Map<string, Map<string, Set<string>>>();

  /** Seeded resources get stamps from `startMs` on, one millisecond apart, until endSeeding. */
  beginSeeding(startMs: number): void {
    this.seeding = true;
    this.lastStamp = Math.max(this.lastStamp, startMs - 1);
  }

  endSeeding(): void {
    this.seeding = false;
  }

  /** The next lastUpdated: later than every earlier one, and not before the wall clock (outside seeding). */
  private nextStamp(): number {
    this.lastStamp = this.seeding ? this.lastStamp + 1 : Math.max(Date.now(), this.lastStamp + 1);
    return this.lastStamp;
  }

  private feed(resourceType: string): FeedLog {
    let log = this.feeds.get(resourceType);
    if (!log) {
      log = { stamps: [], slots: [], current: new Map() };
      this.feeds.set(resourceType, log);
    }
    return log;
  }

  /** Every write (create, update, patch, conditional create) ends here. */
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const stamp = this.nextStamp();
    // The server, not the client, decides the version and the time.
    const meta = { ...resource.meta, lastUpdated: new Date(stamp).toISOString() };
    delete meta.versionId;
    const stored = await super.createResource({ ...resource, meta });
    const log = this.feed(stored.resourceType);
    const kept = this.storedResource(stored.resourceType, stored.id);
    let slot = log.current.get(stored.id);
    if (slot) Object.assign(slot, { stamp, stored: kept });
    else log.current.set(stored.id, (slot = { id: stored.id, stamp, stored: kept }));
    log.stamps.push(stamp);
    log.slots.push(slot);
    this.indexIdentifiers(stored);
    if (kept) Object.defineProperty(kept, JSON_TEXT, { value: flat(JSON.stringify(kept)) });
    return stored;
  }

  /** A resource's JSON: the text kept when it was written, for the stored object itself; serialized otherwise. */
  jsonOf(resource: Resource): string {
    return (resource as Resource & { [JSON_TEXT]?: string })[JSON_TEXT] ?? JSON.stringify(resource);
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    const log = this.feeds.get(resourceType);
    const slot = log?.current.get(id);
    if (slot) slot.stamp = NaN;
    log?.current.delete(id);
  }

  override clear(): void {
    super.clear();
    this.feeds.clear();
    this.identifierIndexes.clear();
  }

  /** How many resources of a type exist now (deleted ones excluded). */
  countOf(resourceType: string): number {
    return this.feeds.get(resourceType)?.current.size ?? 0;
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    return (await this.feedSearch(request)) ?? (await this.identifierSearch(request)) ?? super.search(request);
  }

  /**
   * The stored object itself, not the deep copy readResource makes: a feed page is serialized at once and
   * its resources never modified, and the copy was a third of a 1,000-EOB page's time. Reaches into
   * MemoryRepository's private map; undefined (and readResource is used) if a Medplum version changes it.
   */
  private storedResource(resourceType: string, id: string): Resource | undefined {
    const internal = (this as unknown as { resources?: unknown }).resources;
    return internal instanceof Map ? (internal.get(resourceType) as Map<string, Resource> | undefined)?.get(id) : undefined;
  }

  /** `_lastUpdated` bounds (gt/ge/lt/le), sorted ascending by `_lastUpdated` or unsorted; null if the request is anything else. */
  private async feedSearch<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>> | null> {
    for (const [key, value] of Object.entries(request)) if (!FEED_KEYS.has(key) && value !== undefined) return null;
    const sort = request.sortRules ?? [];
    if (sort.length > 1 || (sort.length === 1 && (sort[0]!.code !== '_lastUpdated' || sort[0]!.descending))) return null;
    let lower = -Infinity;
    let upper = Infinity;
    for (const filter of request.filters ?? []) {
      if (filter.code !== '_lastUpdated' || !INSTANT.test(filter.value)) return null;
      const ms = Date.parse(filter.value);
      if (Number.isNaN(ms)) return null;
      if (filter.operator === 'gt') lower = Math.max(lower, ms + 1);
      else if (filter.operator === 'ge') lower = Math.max(lower, ms);
      else if (filter.operator === 'lt') upper = Math.min(upper, ms - 1);
      else if (filter.operator === 'le') upper = Math.min(upper, ms);
      else return null;
    }
    const log = this.feeds.get(request.resourceType) ?? { stamps: [], slots: [], current: new Map<string, Slot>() };
    const count = request.count ?? Infinity;
    const offset = request.offset ?? 0;
    const entry: { resource: WithId<T> }[] = [];
    let skipped = 0;
    let more = false;
    let matches = 0;
    const accurate = request.total === 'accurate';
    for (let i = firstAtOrAfter(log.stamps, lower); i < log.stamps.length; i++) {
      const stamp = log.stamps[i]!;
      if (stamp > upper) break;
      const slot = log.slots[i]!;
      if (slot.stamp !== stamp) continue; // an older version, or deleted
      matches++;
      if (skipped < offset) {
        skipped++;
        continue;
      }
      if (entry.length >= count) {
        more = true;
        if (!accurate) break;
        continue;
      }
      entry.push({ resource: (slot.stored as WithId<T> | undefined) ?? (await super.readResource<WithId<T>>(request.resourceType, slot.id)) });
    }
    const bundle: Bundle<WithId<T>> = {
      resourceType: 'Bundle',
      type: 'searchset',
      ...(entry.length ? { entry } : {}),
      ...(accurate || !more ? { total: matches } : {}),
    };
    moreAfter.set(bundle, more);
    return bundle;
  }

  /** Exactly one `identifier=system|value` filter (as conditional create sends); null otherwise. */
  private async identifierSearch<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<WithId<T>> | null> {
    for (const [key, value] of Object.entries(request)) if (!FEED_KEYS.has(key) && value !== undefined) return null;
    const filter = request.filters?.length === 1 ? request.filters[0]! : null;
    if (!filter || filter.code !== 'identifier' || filter.operator !== 'eq' || request.sortRules?.length || request.offset) return null;
    const bar = filter.value.indexOf('|');
    if (bar <= 0 || bar === filter.value.length - 1 || filter.value.includes(',') || filter.value.includes('\\')) return null;
    const index = await this.identifierIndex(request.resourceType);
    const found: WithId<T>[] = [];
    for (const id of index.get(filter.value) ?? []) {
      const resource = await super.readResource<WithId<T>>(request.resourceType, id).catch(() => null);
      // The index only grows: check the current version still carries the identifier.
      if (resource && identifierKeys(resource).includes(filter.value)) found.push(resource);
    }
    const entry = found.slice(0, request.count ?? found.length).map((resource) => ({ resource }));
    const bundle: Bundle<WithId<T>> = { resourceType: 'Bundle', type: 'searchset', ...(entry.length ? { entry } : {}), total: found.length };
    moreAfter.set(bundle, found.length > entry.length);
    return bundle;
  }

  private async identifierIndex(resourceType: string): Promise<Map<string, Set<string>>> {
    let index = this.identifierIndexes.get(resourceType);
    if (!index) {
      index = new Map();
      this.identifierIndexes.set(resourceType, index);
      for (const id of this.feeds.get(resourceType)?.current.keys() ?? []) this.indexIdentifiers(await super.readResource(resourceType, id));
    }
    return index;
  }

  private indexIdentifiers(resource: WithId<Resource>): void {
    const index = this.identifierIndexes.get(resource.resourceType);
    if (!index) return;
    for (const key of identifierKeys(resource)) {
      let ids = index.get(key);
      if (!ids) index.set(key, (ids = new Set()));
      ids.add(resource.id);
    }
  }
}

function identifierKeys(resource: Resource): string[] {
  const identifiers = (resource as { identifier?: { system?: string; value?: string }[] | { system?: string; value?: string } }).identifier;
  const list = Array.isArray(identifiers) ? identifiers : identifiers ? [identifiers] : [];
  return list.flatMap((i) => (i.system && i.value ? [`${i.system}|${i.value}`] : []));
}

/**
 * The string made flat now. JSON.stringify builds a long result as a tree of pieces, which V8 copies into
 * one flat string the first time it is read whole (a page write, Buffer.byteLength): done while serving,
 * that copied every resource a sync pulled into the young generation, where it survived to be copied again.
 * Converting a string to a number makes V8 flatten it in place (the string itself is unchanged).
 */
function flat(text: string): string {
  void Number(text);
  return text;
}

/** Index of the first stamp >= value in an ascending array. */
function firstAtOrAfter(stamps: number[], value: number): number {
  let lo = 0;
  let hi = stamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (stamps[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
