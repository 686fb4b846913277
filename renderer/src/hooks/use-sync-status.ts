import { useEffect } from 'react';
import { appStore } from '../store';

/**
 * Keeps the sync status fresh while the header is on screen (every 10 s, every
 * second while a sync runs), and syncs once when the network comes back.
 */
export function useSyncStatus(): void {
  useEffect(() => {
    const stop = appStore.getState().startSyncPolling();
    const onOnline = () => appStore.getState().syncOnReconnect();
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      stop();
    };
  }, []);
}
