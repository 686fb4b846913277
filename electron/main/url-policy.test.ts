import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isAllowedNavigation,
  isAppUrl,
  originOf,
  rendererLocation,
  resolveAppPath,
} from './url-policy';

const ROOT = path.resolve('/opt/front-desk/out/renderer');

describe('originOf', () => {
  it('builds scheme://host for the custom scheme (WHATWG says "null")', () => {
    expect(originOf('app://renderer/index.html')).toBe('app://renderer');
    expect(originOf('http://127.0.0.1:5173/x')).toBe('http://127.0.0.1:5173');
  });

  it('has no origin for host-less or credentialed URLs', () => {
    for (const url of ['file:///etc/passwd', 'data:text/html,<h1>x</h1>', 'javascript:alert(1)', 'about:blank', 'blob:app://renderer/1', 'app://user@renderer/x', 'app://u:p@renderer/x', 'not a url', '']) {
      expect(originOf(url), url).toBeNull();
    }
  });
});

describe('isAppUrl', () => {
  it('accepts the app origin with any path, query or fragment', () => {
    for (const url of [APP_ENTRY_URL, 'app://renderer/', 'app://renderer/assets/index-abc.js', 'app://renderer/index.html?x=1#token=y']) {
      expect(isAppUrl(url), url).toBe(true);
    }
  });

  it('rejects everything else', () => {
    for (const url of [
      'app://other/index.html',
      'app://renderer.evil.com/index.html',
      'app://renderer:8080/index.html',
      'app://evil@renderer/index.html',
      'app:renderer/index.html',
      'app:///index.html',
      'apps://renderer/index.html',
      'https://renderer/index.html',
      'http://127.0.0.1/',
      'http://localhost:5173/',
      'file:///opt/front-desk/out/renderer/index.html',
      'javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'about:blank',
      'blob:app://renderer/0b1c',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isAllowedNavigation', () => {
  it('allows staying on the trusted origin', () => {
    expect(isAllowedNavigation('app://renderer/index.html#/patients/3', APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/?x', 'http://localhost:5173')).toBe(true);
  });

  it('blocks foreign origins and non-navigable schemes', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1/',
      'http://localhost:5174/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'mailto:someone@example.com',
      'app://renderer.evil/index.html',
    ]) {
      expect(isAllowedNavigation(url, APP_ORIGIN), url).toBe(false);
    }
    expect(isAllowedNavigation('app://renderer/index.html', 'http://localhost:5173')).toBe(false);
  });
});

describe('rendererLocation', () => {
  it('uses app:// when no dev server is given', () => {
    expect(rendererLocation(undefined, false)).toEqual({ entryUrl: APP_ENTRY_URL, origin: APP_ORIGIN });
  });

  it('uses the loopback dev server in an unpackaged app', () => {
    expect(rendererLocation('http://localhost:5173', false)).toEqual({ entryUrl: 'http://localhost:5173/', origin: 'http://localhost:5173' });
    expect(rendererLocation('http://127.0.0.1:5173/', false).origin).toBe('http://127.0.0.1:5173');
    expect(rendererLocation('http://[::1]:5173/', false).origin).toBe('http://[::1]:5173');
  });

  it('ignores the dev server in a packaged app', () => {
    expect(rendererLocation('http://localhost:5173', true).entryUrl).toBe(APP_ENTRY_URL);
  });

  it('ignores remote, odd-scheme or credentialed dev-server URLs', () => {
    for (const url of ['https://example.com', 'http://192.168.1.5:5173', 'file:///tmp/index.html', 'javascript:alert(1)', 'http://user@localhost:5173', 'http://localhost.evil.com:5173', 'garbage']) {
      expect(rendererLocation(url, false).origin, url).toBe(APP_ORIGIN);
    }
  });
});

describe('resolveAppPath', () => {
  it('maps app:// paths to files under the renderer folder', () => {
    expect(resolveAppPath(ROOT, 'app://renderer/index.html')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, 'app://renderer/assets/index-abc.js?v=1#x')).toBe(path.join(ROOT, 'assets', 'index-abc.js'));
    expect(resolveAppPath(ROOT, 'app://renderer/assets/My%20Font.woff2')).toBe(path.join(ROOT, 'assets', 'My Font.woff2'));
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveAppPath(ROOT, 'app://renderer')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, 'app://renderer/')).toBe(path.join(ROOT, 'index.html'));
  });

  it('never leaves the renderer folder', () => {
    for (const url of [
      'app://renderer/../../etc/passwd',
      'app://renderer/%2e%2e/%2e%2e/etc/passwd',
      'app://renderer/%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
      'app://renderer/assets/../../../../etc/passwd',
      'app://renderer/%2e%2e',
    ]) {
      const resolved = resolveAppPath(ROOT, url);
      // The URL parser folds these dot segments, so at worst they name a file inside ROOT.
      expect(resolved === null || resolved.startsWith(ROOT + path.sep), url).toBe(true);
    }
    for (const url of [
      'app://renderer/..%2f..%2fetc%2fpasswd',
      'app://renderer/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
      'app://renderer/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      'app://renderer/assets/..%2f..%2f..%2fmain%2findex.js',
      'app://renderer/..%2f',
      'app://renderer/index.html%00.png',
      'app://renderer/%E0%A4%A', // malformed percent-encoding
    ]) {
      expect(resolveAppPath(ROOT, url), url).toBeNull();
    }
  });

  it('refuses other origins and schemes', () => {
    for (const url of ['app://other/index.html', 'file:///etc/passwd', 'http://127.0.0.1/index.html', 'javascript:alert(1)', 'data:text/html,x', 'app://x@renderer/index.html']) {
      expect(resolveAppPath(ROOT, url), url).toBeNull();
    }
  });

  it('applies Windows rules: backslashes, drive letters, UNC paths', () => {
    const winRoot = 'C:\\Program Files\\Front Desk\\resources\\app.asar\\out\\renderer';
    expect(resolveAppPath(winRoot, 'app://renderer/assets/a.js', path.win32)).toBe(`${winRoot}\\assets\\a.js`);
    for (const url of [
      'app://renderer/..%5c..%5c..%5cWindows%5cwin.ini',
      'app://renderer/assets%5c..%5c..%5c..%5cx',
      'app://renderer/C:%5cWindows%5cwin.ini',
      'app://renderer/C:/Windows/win.ini',
      'app://renderer/D:%5cdata.sqlite',
      'app://renderer/%5c%5cserver%5cshare%5cx',
    ]) {
      expect(resolveAppPath(winRoot, url, path.win32), url).toBeNull();
    }
  });
});
