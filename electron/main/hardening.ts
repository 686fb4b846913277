/**
 * Electron security checklist items that apply to every web contents and the session:
 * no navigation away from the app, no new windows, no <webview>, no permissions.
 * Nothing here ever calls shell.openExternal: the app has no reason to open outside links.
 */
import type { Session } from 'electron';
import { app } from 'electron';
import { isAllowedNavigation } from './url-policy';

/** Registered once, before any window exists, so it covers every web contents ever created. */
export function guardAllWebContents(trustedOrigin: string): void {
  app.on('web-contents-created', (_event, contents) => {
    const blockForeign = (event: { url: string; preventDefault(): void }): void => {
      if (!isAllowedNavigation(event.url, trustedOrigin)) {
        event.preventDefault();
        console.warn(`Blocked navigation to ${event.url.slice(0, 200)}`);
      }
    };
    contents.on('will-navigate', blockForeign);
    // will-navigate covers only the main frame; this one also covers any sub-frame.
    contents.on('will-frame-navigate', blockForeign);
    contents.on('will-redirect', blockForeign);
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** The app needs no camera, notifications, clipboard reads, devices or anything else. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
