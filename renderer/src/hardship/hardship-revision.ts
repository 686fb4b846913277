/**
 * A counter bumped after the desk submits an application, so the patient view's hardship line reads
 * the record again (it is not part of the balance the store holds).
 */
import { useSyncExternalStore } from 'react';

let revision = 0;
const listeners = new Set<() => void>();

export function bumpHardshipRevision(): void {
  revision += 1;
  for (const listener of listeners) listener();
}

export function useHardshipRevision(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => revision,
  );
}
