import { createStore, useStore } from 'zustand';
import type { StoreApi } from 'zustand';
import { api, sessionChannel } from '../api/client';
import { createAppInfoSlice } from './app-info-slice';
import { createDeskSlice } from './desk-slice';
import { createPatientSlice } from './patient-slice';
import { createSearchSlice } from './search-slice';
import { createSessionSlice } from './session-slice';
import { createSyncSlice } from './sync-slice';
import { createWorkspaceSlice } from './workspace-slice';
import type { AppState, StoreDeps } from './types';

export type { AppState } from './types';

export const SEARCH_DEBOUNCE_MS = 120;

/** Builds the one store from its slices. Middleware, if ever needed, wraps this combined creator only. */
export function createAppStore(deps: StoreDeps): StoreApi<AppState> {
  return createStore<AppState>()((...args) => ({
    ...createAppInfoSlice(deps)(...args),
    ...createSearchSlice(deps)(...args),
    ...createPatientSlice(deps)(...args),
    ...createDeskSlice(deps)(...args),
    ...createSyncSlice(deps)(...args),
    ...createWorkspaceSlice(deps)(...args),
    ...createSessionSlice(deps)(...args),
  }));
}

export const appStore = createAppStore({ api, searchDebounceMs: SEARCH_DEBOUNCE_MS, session: sessionChannel });

// The core ended the session (idle time on its side, a restart): lock the screen the same way.
sessionChannel.onSignedOut((message) => appStore.getState().sessionEnded(message));

/**
 * Reads from the app's store. Select one field per call (`useAppStore((s) => s.query)`);
 * for a selector that builds an object or array, wrap it in `useShallow`.
 */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
