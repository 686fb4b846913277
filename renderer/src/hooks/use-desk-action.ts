import { useRef, useState } from 'react';
import { actionErrorMessage } from '../store/errors';

/**
 * A dialog's one action: runs it at most once at a time (a double click sends
 * nothing twice), keeps the core's message when it fails.
 */
export function useDeskAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  async function run<T>(action: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (running.current) return { ok: false };
    running.current = true;
    setPending(true);
    setError(null);
    try {
      return { ok: true, value: await action() };
    } catch (failure) {
      setError(actionErrorMessage(failure));
      return { ok: false };
    } finally {
      running.current = false;
      setPending(false);
    }
  }

  return { pending, error, run };
}
