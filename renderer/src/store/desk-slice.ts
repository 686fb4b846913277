import type { ApiInput, ApiOutput, Receipt } from '../../../shared/contract';
import { ApiError } from '../../../shared/errors';
import { errorMessage } from './errors';
import type { SliceCreator } from './types';

/** The desk's dialogs: one open at a time. */
export type DeskDialogKind = 'payment' | 'carryForward' | 'writeOff' | 'refund' | 'receipt' | 'hardship';

/** The calls that change a patient's balance; each answers with the balance after it. */
export type DeskWrite = 'recordPayment' | 'carryForward' | 'writeOff' | 'requestWriteOff' | 'recordRefund';

export interface DeskDialog {
  kind: DeskDialogKind;
  /** Changes with every opening: a fresh form and a fresh idempotency key. */
  opening: number;
  /** The item the dialog acts on (the selected one when it opened), if any. */
  itemId: number | null;
}

export type ReceiptStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface DeskSlice {
  /** The item the item actions (carry forward, write-off request, refund) act on. */
  selectedItemId: number | null;
  dialog: DeskDialog | null;
  /** What the last action did, in a sentence ("Carried forward ... until 04/30/2027."). */
  deskNotice: string | null;
  receipt: Receipt | null;
  receiptStatus: ReceiptStatus;
  receiptError: string | null;
  selectItem(itemId: number | null): void;
  openDialog(kind: DeskDialogKind): void;
  closeDialog(): void;
  setDeskNotice(notice: string | null): void;
  /**
   * Sends one write to the core and shows the balance it answers with. A refusal
   * is rethrown for the dialog to show, and the balance is read again, since
   * another desk may have changed it.
   */
  act<M extends DeskWrite>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>['result']>;
  /** Today's receipt for the open patient. */
  loadReceipt(): Promise<void>;
  /** Forgets selection, dialog, notice and receipt (another patient opened). */
  resetDesk(): void;
}

const EMPTY = {
  selectedItemId: null,
  dialog: null,
  deskNotice: null,
  receipt: null,
  receiptStatus: 'idle',
  receiptError: null,
} as const satisfies Partial<DeskSlice>;

export const createDeskSlice: SliceCreator<DeskSlice> = (deps) => (set, get) => {
  let openings = 0;
  let latestReceipt = 0;

  return {
    ...EMPTY,
    selectItem(itemId) {
      if (get().selectedItemId !== itemId) set({ selectedItemId: itemId });
    },
    openDialog(kind) {
      if (get().patientStatus !== 'ready') return;
      openings += 1;
      set({ dialog: { kind, opening: openings, itemId: get().selectedItemId } });
      if (kind === 'receipt') void get().loadReceipt();
    },
    closeDialog() {
      set({ dialog: null });
    },
    setDeskNotice(deskNotice) {
      set({ deskNotice });
    },
    async act(method, input) {
      try {
        const outcome = await deps.api(method, input);
        get().showBalance(outcome.balance);
        return outcome.result;
      } catch (error) {
        if (error instanceof ApiError && (error.code === 'refused' || error.code === 'not_found')) void get().refreshBalance();
        throw error;
      }
    },
    async loadReceipt() {
      const { patientId, appInfo } = get();
      if (patientId === null) return;
      const mine = ++latestReceipt;
      set({ receipt: null, receiptStatus: 'loading', receiptError: null });
      try {
        const receipt = await deps.api('getReceipt', appInfo ? { patientId, date: appInfo.today } : { patientId });
        if (mine !== latestReceipt || get().patientId !== patientId) return;
        set({ receipt, receiptStatus: 'ready' });
      } catch (error) {
        if (mine !== latestReceipt) return;
        set({ receiptStatus: 'error', receiptError: errorMessage(error) });
      }
    },
    resetDesk() {
      latestReceipt += 1;
      set(EMPTY);
    },
  };
};
