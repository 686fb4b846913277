/**
 * Electron main process: lifecycle only. It opens the store, serves the renderer, relays IPC to
 * the core and owns the window; every rule about balances lives in core/.
 */
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { app, dialog, Menu, session } from 'electron';
import { localDate, systemClock } from '../../core/clock';
import type { Db } from '../../core/db/connection';
import { workstationActor } from '../../core/actor';
import { SessionStore } from '../../core/auth/sessions';
import { DATABASE_FILE_NAME, electronNativeBinding, openAppStore } from '../../core/app-store/open-app-store';
import { readSyncSettings, SyncService } from '../../core/sync/sync-service';
import { seedDemoWithAccounts } from '../../core/demo/accounts';
import { EMBEDDED_DEMO } from '../../core/demo/seed';
import { registerAppSchemePrivileges, serveRenderer } from './app-protocol';
import { denyAllPermissions, guardAllWebContents } from './hardening';
import { registerInvokeHandler } from './ipc';
import { describeStartupError } from './startup-error';
import { rendererLocation } from './url-policy';
import { createMainWindow } from './window';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/.
const preloadPath = path.join(import.meta.dirname, '../preload/index.cjs');
const rendererDir = path.join(import.meta.dirname, '../renderer');
const location = rendererLocation(process.env.ELECTRON_RENDERER_URL, app.isPackaged);

// These must happen before 'ready'.
registerAppSchemePrivileges();
app.enableSandbox();
guardAllWebContents(location.origin);

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit(); // another copy is running; it gets 'second-instance' and comes to the front
}

const nativeBinding = (): string | undefined => electronNativeBinding(app.getAppPath());

function openStore(): Db {
  return openAppStore({
    dir: app.getPath('userData'),
    nativeBinding: nativeBinding(),
    seed: (db) => seedDemoWithAccounts(db, { ...EMBEDDED_DEMO, today: localDate(systemClock.now()) }),
  });
}

/** Sync with the main system, when its FHIR address is configured (front-desk serve/start --fhir, or settings). */
function startSync(db: Db): SyncService | null {
  const settings = readSyncSettings(db);
  if (!settings.fhirBaseUrl) return null;
  const service = new SyncService({
    file: path.join(app.getPath('userData'), DATABASE_FILE_NAME),
    clock: systemClock,
    baseUrl: settings.fhirBaseUrl,
    intervalMinutes: settings.intervalMinutes,
    nativeBinding: nativeBinding(),
  });
  service.start();
  return service;
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  let db: Db | null = null;
  let sync: SyncService | null = null;

  const showWindow = (): void => {
    if (!db) return;
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(preloadPath, location.entryUrl);
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  };

  app.on('second-instance', showWindow);
  app.on('activate', showWindow); // macOS: dock click with no window open
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void sync?.stop();
    db?.close();
  });

  void app.whenReady().then(() => {
    try {
      db = openStore();
    } catch (error) {
      console.error('Could not open the database', error);
      const { title, body } = describeStartupError(error);
      dialog.showErrorBox(title, body);
      app.exit(1);
      return;
    }
    // The default menu's Alt+letter accelerators (Alt+W = Window) would take the desk's shortcuts;
    // macOS keeps its menu (Cmd shortcuts, no clash).
    if (process.platform !== 'darwin') Menu.setApplicationMenu(null);
    denyAllPermissions(session.defaultSession);
    serveRenderer(rendererDir);
    sync = startSync(db);
    registerInvokeHandler({ db, clock: systemClock, host: 'electron', actor: workstationActor(), sync: sync ?? undefined, sessions: new SessionStore() }, location.origin);
    showWindow();
  });
}
