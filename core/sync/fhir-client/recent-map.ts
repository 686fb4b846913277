/**
 * A map that remembers only the most recently set keys: at least `keep` of them, at most twice that.
 * Two generations: sets go to the young one; when it holds `keep` keys it becomes the old one and the
 * previous old one is let go. Every operation is O(1).
 *
 * Why not one Map trimmed from its oldest key (`map.delete(map.keys().next().value)`): V8 leaves a deleted
 * entry as a hole that every new iterator steps over until the table is rebuilt, so trimming from the
 * front costs more with each key trimmed. On a 200,000-patient full sync that took 20 s of the sync
 * worker's CPU.
 */
export class RecentMap<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(readonly keep: number) {
    if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a positive whole number (got ${keep}).`);
  }

  get(key: K): V | undefined {
    return this.#young.has(key) ? this.#young.get(key) : this.#old.get(key);
  }

  /** Sets the value and counts the key as just seen. */
  set(key: K, value: V): void {
    this.#old.delete(key);
    this.#young.set(key, value);
    if (this.#young.size >= this.keep) {
      this.#old = this.#young;
      this.#young = new Map();
    }
  }

  get size(): number {
    return this.#young.size + this.#old.size;
  }
}
