import type { PatientSummary } from '../../../shared/contract';
import { errorMessage } from './errors';
import type { SliceCreator } from './types';

/**
 * How many results one search asks for (the contract allows up to SEARCH_RESULT_LIMIT). Kept here
 * rather than imported from shared/contract, whose zod schemas would otherwise be bundled into the page.
 */
export const SEARCH_PAGE_SIZE = 50;

/**
 * idle: nothing typed · searching: a search is waiting or in flight ·
 * done: `results` answer the current query · error: the last search failed.
 */
export type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

export interface SearchSlice {
  /** What is in the search box. */
  query: string;
  /** The latest results; kept on screen while the next search runs, so the list does not flicker. */
  results: PatientSummary[];
  searchStatus: SearchStatus;
  searchError: string | null;
  /** Whether the results list is showing. */
  listOpen: boolean;
  /** Index in `results` of the highlighted result (what Enter opens), or -1. */
  highlighted: number;
  /** Puts text in the search box and searches for it after a short pause in typing. */
  setQuery(query: string): void;
  /** Moves the highlight down (1) or up (-1), wrapping around; opens the list if it was closed. */
  moveHighlight(step: 1 | -1): void;
  setListOpen(open: boolean): void;
  /**
   * Enter in the search box: opens the highlighted result, or the only result. If the search
   * for what was typed has not answered yet (a fast typist, a barcode scanner), it is sent at
   * once and its only result, if it has exactly one, opens when it arrives.
   */
  submitSearch(): void;
  /** Opens a patient from the results and empties the box, ready for the next one. */
  openResult(patient: PatientSummary): void;
  clearSearch(): void;
}

export const createSearchSlice: SliceCreator<SearchSlice> = (deps) => (set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped for every search sent or abandoned; an answer is used only if it is for the latest one. */
  let latest = 0;
  /** Enter was pressed before the answer came: open the answer if it is a single patient. */
  let openWhenSingle = false;

  function cancelPending(): void {
    clearTimeout(timer);
    timer = undefined;
    latest += 1;
    openWhenSingle = false;
  }

  async function run(query: string): Promise<void> {
    timer = undefined;
    const mine = ++latest;
    try {
      const results = await deps.api('searchPatients', { query, limit: SEARCH_PAGE_SIZE });
      if (mine !== latest) return;
      const [only] = results;
      if (openWhenSingle && only && results.length === 1) {
        get().openResult(only);
        return;
      }
      openWhenSingle = false;
      set({ results, highlighted: -1, searchStatus: 'done', searchError: null });
    } catch (error) {
      if (mine !== latest) return;
      openWhenSingle = false;
      set({ results: [], highlighted: -1, searchStatus: 'error', searchError: errorMessage(error) });
    }
  }

  return {
    query: '',
    results: [],
    searchStatus: 'idle',
    searchError: null,
    listOpen: false,
    highlighted: -1,
    setQuery(query) {
      cancelPending();
      if (!query.trim()) {
        set({ query, results: [], highlighted: -1, listOpen: false, searchStatus: 'idle', searchError: null });
        return;
      }
      set({ query, listOpen: true, searchStatus: 'searching' });
      timer = setTimeout(() => void run(query), deps.searchDebounceMs);
    },
    moveHighlight(step) {
      const { results, highlighted, listOpen } = get();
      const count = results.length;
      if (count === 0) return;
      const from = listOpen ? highlighted : -1;
      const next = from === -1 ? (step === 1 ? 0 : count - 1) : (from + step + count) % count;
      set({ listOpen: true, highlighted: next });
    },
    setListOpen(open) {
      const { query, listOpen } = get();
      const next = open && query.trim() !== '';
      if (next !== listOpen) set({ listOpen: next, highlighted: -1 });
    },
    submitSearch() {
      const { listOpen, highlighted, results, searchStatus, query } = get();
      const chosen = listOpen && highlighted >= 0 ? results[highlighted] : searchStatus === 'done' && results.length === 1 ? results[0] : undefined;
      if (chosen) {
        get().openResult(chosen);
      } else if (searchStatus === 'searching') {
        openWhenSingle = true;
        if (timer !== undefined) {
          clearTimeout(timer);
          void run(query);
        }
      }
    },
    openResult(patient) {
      get().clearSearch();
      void get().openPatient(patient.id);
    },
    clearSearch() {
      cancelPending();
      set({ query: '', results: [], highlighted: -1, listOpen: false, searchStatus: 'idle', searchError: null });
    },
  };
};
