import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { contentTypeFor, fileHeaders, securityHeaders } from './static-headers';

describe('static headers', () => {
  it('sends the CSP and nosniff on every response', () => {
    expect(securityHeaders()['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(securityHeaders()['X-Content-Type-Options']).toBe('nosniff');
    expect(fileHeaders('/r/index.html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('types the files the renderer build emits', () => {
    expect(contentTypeFor('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/r/assets/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/r/assets/index-abc.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/r/assets/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/r/assets/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/r/unknown.bin')).toBe('application/octet-stream');
    expect(contentTypeFor('/r/noextension')).toBe('application/octet-stream');
  });
});
