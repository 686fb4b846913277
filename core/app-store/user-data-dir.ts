import { homedir } from 'node:os';
import path from 'node:path';

/** The product name Electron derives its userData folder from (package.json productName). */
export const PRODUCT_NAME = 'Front Desk Balances';

/**
 * The same folder Electron's app.getPath('userData') gives, so the desktop app and the
 * browser host (`front-desk start`) share one database on a machine.
 */
export function userDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (platform === 'win32') return p.join(env.APPDATA ?? p.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return p.join(env.XDG_CONFIG_HOME || p.join(home, '.config'), PRODUCT_NAME);
}
