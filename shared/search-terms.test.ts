import { describe, expect, it } from 'vitest';
import { nameTerms, normalizeWord, parseDateOfBirth, patientSearchTerms, phoneDigits, prefixUpperBound, queryPrefixes } from './search-terms';

describe('normalizeWord', () => {
  it.each([
    ['José', 'jose'],
    ["O'Brien", 'obrien'],
    ['O’Neil', 'oneil'],
    ['SMITH', 'smith'],
    ['Zoë', 'zoe'],
    ['St.', 'st'],
  ])('%s -> %s', (input, expected) => expect(normalizeWord(input)).toBe(expected));
});

describe('nameTerms', () => {
  it('splits hyphenated names and also keeps them joined', () => {
    expect(nameTerms('Smith-Jones')).toEqual(['smith', 'jones', 'smithjones']);
  });
  it('splits multi-word names', () => {
    expect(nameTerms('Mary  Ann')).toEqual(['mary', 'ann']);
  });
});

describe('parseDateOfBirth', () => {
  it.each([
    ['3/2/1980', '1980-03-02'],
    ['03/02/1980', '1980-03-02'],
    ['03-02-1980', '1980-03-02'],
    ['1980-03-02', '1980-03-02'],
  ])('%s -> %s', (input, expected) => expect(parseDateOfBirth(input)).toBe(expected));
  it.each(['2/30/2020', '13/01/2000', '1980-3-2', 'smith', '12345'])('rejects %s', (input) => {
    expect(parseDateOfBirth(input)).toBeNull();
  });
});

describe('phoneDigits', () => {
  it('keeps ten digits and drops a leading country code', () => {
    expect(phoneDigits('(555) 201-4477')).toBe('5552014477');
    expect(phoneDigits('+1 555 201 4477')).toBe('5552014477');
    expect(phoneDigits('201-4477')).toBeNull();
  });
});

describe('queryPrefixes', () => {
  it('turns names into prefixes, longest first, in any order', () => {
    expect(queryPrefixes('jo smith')).toEqual(['smith', 'jo']);
    expect(queryPrefixes('Smith, John')).toEqual(['smith', 'john']);
  });
  it('reads a whole-query date as a date of birth', () => {
    expect(queryPrefixes('03/02/1980')).toEqual(['1980-03-02']);
  });
  it('mixes a name and a date', () => {
    expect(queryPrefixes('smith 3/2/1980')).toEqual(['1980-03-02', 'smith']);
  });
  it('reads phone numbers in any punctuation as digits', () => {
    expect(queryPrefixes('(555) 201-4477')).toEqual(['5552014477']);
    expect(queryPrefixes('555-201')).toEqual(['555201']);
    expect(queryPrefixes('1980-03')).toEqual(['1980-03']);
    expect(queryPrefixes('5552014')).toEqual(['5552014']);
  });
  it('lower-cases MRNs', () => {
    expect(queryPrefixes('M0000042')).toEqual(['m0000042']);
  });
  it('gives nothing for blank or punctuation-only input', () => {
    expect(queryPrefixes('   ')).toEqual([]);
    expect(queryPrefixes("'' ,,")).toEqual([]);
  });
});

describe('patientSearchTerms', () => {
  it('indexes names, MRN, DOB and phone', () => {
    const terms = patientSearchTerms({ familyName: "O'Brien-Smith", givenName: 'José', mrn: 'M0000007', dob: '1980-03-02', phone: '5552014477' });
    expect(terms.sort()).toEqual(['1980-03-02', '5552014477', 'jose', 'm0000007', 'obrien', 'obriensmith', 'smith'].sort());
  });
});

describe('prefixUpperBound', () => {
  it('is the next string after every string with the prefix', () => {
    expect(prefixUpperBound('smi')).toBe('smj');
    expect('smith' < prefixUpperBound('smi')).toBe(true);
    expect('smj' < prefixUpperBound('smi')).toBe(false);
  });
});
