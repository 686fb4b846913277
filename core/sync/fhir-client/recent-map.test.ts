import { describe, expect, it } from 'vitest';
import { RecentMap } from './recent-map';

describe('RecentMap', () => {
  it('remembers at least the last `keep` keys set, and never more than twice that', () => {
    const map = new RecentMap<string, number>(3);
    for (let i = 0; i < 10; i++) {
      map.set(`k${i}`, i);
      expect(map.size).toBeLessThanOrEqual(6);
      for (let j = Math.max(0, i - 2); j <= i; j++) expect(map.get(`k${j}`)).toBe(j);
    }
    expect(map.get('k0')).toBeUndefined();
  });

  it('counts a key set again as recent, with its new value', () => {
    const map = new RecentMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2); // a and b move to the old generation
    map.set('a', 3); // a is young again
    map.set('c', 4); // a and c move to the old generation; b is let go
    expect(map.get('a')).toBe(3);
    expect(map.get('c')).toBe(4);
    expect(map.get('b')).toBeUndefined();
    expect(map.size).toBe(2);
  });

  it('refuses a size that is not a positive whole number', () => {
    expect(() => new RecentMap(0)).toThrow(RangeError);
    expect(() => new RecentMap(1.5)).toThrow(RangeError);
  });
});
