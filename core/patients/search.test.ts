import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempStore } from '../testing/temp-db';
import { tempStore } from '../testing/temp-db';
import { insertPatient, searchPatients } from './queries';

let store: TempStore;
const ids: Record<string, number> = {};

beforeAll(() => {
  store = tempStore({ demoPatients: 200 });
  const add = (key: string, p: { familyName: string; givenName: string; dob: string; phone: string | null; mrn: string }) => {
    ids[key] = insertPatient(store.db, { ...p, createdAt: '2026-01-01T00:00:00.000Z' });
  };
  add('maria', { familyName: "O'Brien-Zyxelinski", givenName: 'María José', dob: '1980-03-02', phone: '5552014477', mrn: 'T0000001' });
  add('mario', { familyName: 'Zyxelinski', givenName: 'Mario', dob: '1975-12-31', phone: '5559990000', mrn: 'T0000002' });
});
afterAll(() => store.cleanup());

const found = (query: string) => searchPatients(store.db, query).map((p) => p.id);

describe('searchPatients', () => {
  it('finds by any part of the name, in any order, with prefixes', () => {
    for (const query of ['zyxelinski maria', 'maria zyxelinski', 'Mar Zyx', 'obrien', "O'Brien", 'jose', 'José Zyx', 'obrien-zyxelinski']) {
      expect(found(query), query).toContain(ids.maria);
    }
    expect(found('mar zyx')).toEqual(expect.arrayContaining([ids.maria, ids.mario]));
    expect(found('mario zyx')).toEqual([ids.mario]);
  });

  it('finds by date of birth in the formats the desk types', () => {
    for (const query of ['03/02/1980', '3/2/1980', '1980-03-02']) expect(found(query), query).toContain(ids.maria);
    expect(found('zyx 1975-12-31')).toEqual([ids.mario]);
  });

  it('finds by MRN and by phone, however punctuated', () => {
    expect(found('T0000001')).toEqual([ids.maria]);
    expect(found('t000000')).toEqual(expect.arrayContaining([ids.maria, ids.mario]));
    for (const query of ['(555) 201-4477', '555-201-4477', '5552014477', '555201']) expect(found(query), query).toEqual([ids.maria]);
  });

  it('returns the summary the desk shows, sorted by name', () => {
    const results = searchPatients(store.db, 'zyx');
    expect(results.map((r) => r.name)).toEqual(["O'Brien-Zyxelinski, María José", 'Zyxelinski, Mario']);
    expect(results[0]).toEqual({ id: ids.maria, mrn: 'T0000001', name: "O'Brien-Zyxelinski, María José", dob: '1980-03-02', phone: '5552014477' });
  });

  it('finds nothing for blank input or names nobody has', () => {
    expect(found('')).toEqual([]);
    expect(found('   ')).toEqual([]);
    expect(found('qqqxxz')).toEqual([]);
    expect(found('maria nosuchname')).toEqual([]);
  });

  it('caps the number of results', () => {
    expect(searchPatients(store.db, 'm', 5)).toHaveLength(5);
    expect(searchPatients(store.db, 'm').length).toBeLessThanOrEqual(50);
  });

  it('treats SQL and wildcard characters as plain text', () => {
    expect(found("' OR 1=1 --")).toEqual([]);
    expect(found('%')).toEqual([]);
    expect(found('_')).toEqual([]);
  });
});
