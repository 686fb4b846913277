import type { PatientBalance } from '../../../shared/contract';
import { errorMessage } from './errors';
import type { SliceCreator } from './types';

export type PatientStatus = 'none' | 'loading' | 'ready' | 'error';

export interface PatientSlice {
  /** The patient the desk has open, or null. */
  patientId: number | null;
  /** That patient's balance once loaded (null while loading or after an error). */
  balance: PatientBalance | null;
  patientStatus: PatientStatus;
  patientError: string | null;
  openPatient(patientId: number): Promise<void>;
  /** Loads the open patient again (after an error, or to refresh). */
  reloadPatient(): Promise<void>;
  /** Reads the open patient's balance again without the loading placeholder (after a refused action). */
  refreshBalance(): Promise<void>;
  /** Shows a balance the core answered an action with, if it is the open patient's. */
  showBalance(balance: PatientBalance): void;
  closePatient(): void;
}

export const createPatientSlice: SliceCreator<PatientSlice> = (deps) => (set, get) => {
  /** Only the answer for the most recently opened patient is shown. */
  let latest = 0;

  async function load(patientId: number): Promise<void> {
    const mine = ++latest;
    if (get().patientId !== patientId) get().resetDesk();
    set({ patientId, balance: null, patientStatus: 'loading', patientError: null });
    try {
      const balance = await deps.api('getPatientBalance', { patientId });
      if (mine !== latest) return;
      set({ balance, patientStatus: 'ready' });
    } catch (error) {
      if (mine !== latest) return;
      set({ patientStatus: 'error', patientError: errorMessage(error) });
    }
  }

  return {
    patientId: null,
    balance: null,
    patientStatus: 'none',
    patientError: null,
    openPatient: load,
    async reloadPatient() {
      const { patientId } = get();
      if (patientId !== null) await load(patientId);
    },
    async refreshBalance() {
      const { patientId, patientStatus } = get();
      if (patientId === null || patientStatus !== 'ready') return;
      const mine = latest;
      try {
        const balance = await deps.api('getPatientBalance', { patientId });
        if (mine === latest) get().showBalance(balance);
      } catch {
        // What is on screen stays; the action's own error is what the desk needs to read.
      }
    },
    showBalance(balance) {
      const { patientId, patientStatus } = get();
      if (balance.patient.id === patientId && patientStatus === 'ready') set({ balance });
    },
    closePatient() {
      latest += 1;
      get().resetDesk();
      set({ patientId: null, balance: null, patientStatus: 'none', patientError: null });
    },
  };
};
