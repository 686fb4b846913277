/**
 * One HTTP exchange for http.ts: the request goes out, the status, a header and the whole body come back.
 *
 * By default through undici's `request`, the client Node's own fetch is built on, without fetch's web
 * streams: fetching the 1 MB pages of a full sync took about half the CPU that fetch took (loopback, 320
 * requests of each, alternated). Connections are kept alive between requests; redirects are followed (up to
 * five; fetch allowed twenty). No compressed bodies are asked for (undici's decompression is still experimental,
 * and on the practice's network compressing costs more than the bytes it saves). A test can pass a fetch
 * function instead (HttpOptions.fetch).
 */
import { Agent, interceptors, request } from 'undici';

export interface ExchangeInit {
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

export interface Reply {
  status: number;
  header(name: string): string | null;
  /** The body as it came: the exchange ends once it has all arrived (a body cut short rejects). */
  bytes: Uint8Array;
}

export type Exchange = (url: string, init: ExchangeInit) => Promise<Reply>;

const MAX_REDIRECTIONS = 5;
let dispatcher: ReturnType<Agent['compose']> | null = null;

export const undiciExchange: Exchange = async (url, init) => {
  dispatcher ??= new Agent().compose(interceptors.redirect({ maxRedirections: MAX_REDIRECTIONS }));
  const response = await request(url, { method: init.method, headers: init.headers, body: init.body, signal: init.signal, dispatcher });
  const bytes = new Uint8Array(await response.body.arrayBuffer());
  return {
    status: response.statusCode,
    header: (name) => {
      const value = response.headers[name.toLowerCase()];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
    bytes,
  };
};

export const fetchExchange =
  (doFetch: typeof fetch): Exchange =>
  async (url, init) => {
    const response = await doFetch(url, init);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, header: (name) => response.headers.get(name), bytes };
  };
