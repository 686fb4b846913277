import type { StateCreator } from 'zustand';
import type { api } from '../api/client';
import type { AppInfoSlice } from './app-info-slice';
import type { DeskSlice } from './desk-slice';
import type { PatientSlice } from './patient-slice';
import type { SearchSlice } from './search-slice';
import type { SessionSlice } from './session-slice';
import type { SyncSlice } from './sync-slice';
import type { WorkspaceSlice } from './workspace-slice';

/** What the store needs from outside; tests pass fakes. */
export interface StoreDeps {
  api: typeof api;
  /** Quiet time after the last keystroke before a search is sent. */
  searchDebounceMs: number;
  /** How often the sync status is read: `idle` normally, `busy` while a sync runs (defaults: 10 s, 1 s). */
  syncPollMs?: { idle: number; busy: number };
  /** Where the signed-in session's token is kept for the calls (renderer/src/api/client.ts). */
  session?: { setToken(token: string | null): void };
}

/** The one store: every slice side by side. */
export type AppState = AppInfoSlice & SearchSlice & PatientSlice & DeskSlice & SyncSlice & WorkspaceSlice & SessionSlice;

/** A slice sees (and may call into) the whole store, and builds only its own part. */
export type SliceCreator<Slice> = (deps: StoreDeps) => StateCreator<AppState, [], [], Slice>;
