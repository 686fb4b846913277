import { useEffect, useState } from 'react';
import type { ApiInput, ApiMethod, ApiOutput } from '../../../shared/contract';
import { api } from '../api/client';
import { errorMessage } from '../store/errors';

export interface ApiQuery<T> {
  /** The last answer (kept while a newer read is under way). */
  data: T | null;
  /** A message for the person, when the last read failed. */
  error: string | null;
  loading: boolean;
  reload(): void;
}

interface Answer<T> {
  request: string | null;
  data: T | null;
  error: string | null;
}

/**
 * Reads one contract method for a screen that owns its data (the manager pages), again whenever
 * the input changes or `reload` is called. An answer that arrives after a newer read started is
 * dropped, so a fast filter change never shows stale rows.
 */
export function useApiQuery<M extends ApiMethod>(method: M, input: ApiInput<M>): ApiQuery<ApiOutput<M>> {
  const [reloads, setReloads] = useState(0);
  const inputJson = JSON.stringify(input);
  const request = `${method}:${inputJson}#${reloads}`;
  const [answer, setAnswer] = useState<Answer<ApiOutput<M>>>({ request: null, data: null, error: null });

  useEffect(() => {
    let current = true;
    api(method, JSON.parse(inputJson) as ApiInput<M>).then(
      (data) => current && setAnswer({ request, data, error: null }),
      (failure: unknown) => current && setAnswer((last) => ({ request, data: last.data, error: errorMessage(failure) })),
    );
    return () => {
      current = false;
    };
  }, [method, inputJson, request]);

  return {
    data: answer.data,
    error: answer.error,
    loading: answer.request !== request,
    reload: () => setReloads((n) => n + 1),
  };
}
