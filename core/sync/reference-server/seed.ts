/**
 * Seeds a FeedRepository with the demo practice: the same patients, in the
 * same order, as core/demo/seed.ts writes for the same seed and date (one
 * DemoRandom, patient by patient), as FHIR resources (demo-fhir.ts). Batches
 * yield to the event loop between them so progress can be reported.
 */
import { generatePatient } from '../../demo/patient-generator';
import { DemoRandom } from '../../demo/random';
import { demoPatientResources } from './demo-fhir';
import type { FeedRepository } from './feed-repository';

export interface SeedOptions {
  patients: number;
  seed: number;
  today: string;
  historyDays?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedStats {
  patients: number;
  /** Resources per type. */
  resources: Record<string, number>;
  seconds: number;
}

const BATCH = 1_000;
/** Seeded stamps start this many milliseconds per patient before the seeding began (about 5 resources each), so they lie in the past. */
const STAMP_MS_PER_PATIENT = 8;

export async function seedRepository(repository: FeedRepository, options: SeedOptions): Promise<SeedStats> {
  if (!Number.isInteger(options.patients) || options.patients < 0) throw new RangeError(`patients must be a whole number (got ${options.patients})`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today)) throw new RangeError(`today must be YYYY-MM-DD (got ${options.today})`);
  const started = performance.now();
  const rng = new DemoRandom(options.seed);
  const resources: Record<string, number> = { Patient: 0, Coverage: 0, Appointment: 0, ExplanationOfBenefit: 0 };
  repository.beginSeeding(Date.now() - options.patients * STAMP_MS_PER_PATIENT);
  try {
    for (let start = 0; start < options.patients; start += BATCH) {
      const end = Math.min(options.patients, start + BATCH);
      for (let index = start; index < end; index++) {
        const r = demoPatientResources(generatePatient(rng, index, options.today, options.historyDays), options.today);
        for (const resource of [r.patient, ...r.coverages, ...r.appointments, ...r.eobs]) {
          await repository.createResource(resource);
          resources[resource.resourceType] = (resources[resource.resourceType] ?? 0) + 1;
        }
      }
      options.onProgress?.(end, options.patients);
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    repository.endSeeding();
  }
  return { patients: options.patients, resources, seconds: (performance.now() - started) / 1000 };
}
