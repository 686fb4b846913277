import { nameTerms } from '../../../shared/search-terms';
import type { Migration } from './types';

/**
 * Every stored patient identifier's value is searchable: sync already wrote the terms of the identifiers it
 * added, but a patient created with identifiers (the demo seed) had none for them. From this version on the
 * rule holds for every row, so a sync that finds a record's identifier stored knows its terms are there too
 * and writes nothing for it (core/sync/match-patient.ts).
 */
export const migration009: Migration = {
  version: 9,
  name: 'search terms of every patient identifier',
  up: (db) => {
    const identifiers = db.prepare('SELECT patient_id, value FROM patient_identifiers').raw(true).all() as [number, string][];
    const add = db.prepare('INSERT OR IGNORE INTO patient_search_terms (term, patient_id) VALUES (?, ?)');
    for (const [patientId, value] of identifiers) for (const term of nameTerms(value)) add.run(term, patientId);
  },
};
