/**
 * What a sync run already knows about patient identifiers: "this system + value is stored for patient P,
 * and the search terms of its value are written". A claim or coverage of a patient seen earlier in the
 * run then skips the identifier lookup and re-inserting identifiers and terms that are already there
 * (on a FHIR sync every ExplanationOfBenefit names its Patient again).
 *
 * It only holds facts this connection wrote or read, so it stays right as long as the store has not
 * changed behind it: it forgets everything when a savepoint is rolled back (`forget`), and when another
 * connection committed since it last looked (`PRAGMA data_version`, checked by `validate` at the start of
 * each transaction). Bounded (the oldest are forgotten first), so memory stays flat however long the run.
 */
import type { Db } from '../db/connection';

export const MAX_CACHED_IDENTIFIERS = 100_000;

export class PatientCache {
  /** system -> value -> patient id: the record's own strings are the keys, nothing is concatenated per lookup. */
  readonly #bySystem = new Map<string, Map<string, number>>();
  /** Insertion order over all systems (a ring), to forget the oldest first. */
  readonly #ringMaps: (Map<string, number> | undefined)[];
  readonly #ringValues: (string | undefined)[];
  #next = 0;
  #size = 0;
  #dataVersion: number | null = null;

  constructor(readonly max = MAX_CACHED_IDENTIFIERS) {
    this.#ringMaps = new Array<Map<string, number> | undefined>(max);
    this.#ringValues = new Array<string | undefined>(max);
  }

  /** Call at the start of each transaction: forgets everything if another connection wrote since. */
  validate(db: Db): void {
    const version = db.pragma('data_version', { simple: true }) as number;
    if (this.#dataVersion !== null && version !== this.#dataVersion) this.forget();
    this.#dataVersion = version;
  }

  /** The patient a stored identifier belongs to, when this run knows it. */
  owner(system: string, value: string): number | undefined {
    return this.#bySystem.get(system)?.get(value);
  }

  /** Records that system + value is stored for `patientId`, with the search terms of its value. */
  remember(system: string, value: string, patientId: number): void {
    let values = this.#bySystem.get(system);
    if (!values) this.#bySystem.set(system, (values = new Map()));
    if (values.has(value)) {
      values.set(value, patientId);
      return;
    }
    if (this.#size === this.max) {
      // The ring is full: the slot about to be reused holds the oldest entry.
      this.#ringMaps[this.#next]!.delete(this.#ringValues[this.#next]!);
      this.#size -= 1;
    }
    values.set(value, patientId);
    this.#ringMaps[this.#next] = values;
    this.#ringValues[this.#next] = value;
    this.#next = (this.#next + 1) % this.max;
    this.#size += 1;
  }

  /** After a rollback: what was learnt inside it may no longer be true. */
  forget(): void {
    // The ring's slots are all written again before any is read as "the oldest", so they need no clearing.
    this.#bySystem.clear();
    this.#next = 0;
    this.#size = 0;
  }

  get size(): number {
    return this.#size;
  }
}
