import { describe, expect, it } from 'vitest';
import { userDataDir } from './user-data-dir';

describe('userDataDir', () => {
  it("matches Electron's userData folder on each platform", () => {
    expect(userDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Front Desk Balances');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg/Front Desk Balances');
    expect(userDataDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Front Desk Balances');
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Front Desk Balances');
  });
});
