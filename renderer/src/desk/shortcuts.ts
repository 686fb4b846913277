/**
 * The desk's keyboard shortcuts for acting on the open patient. Alt + a letter,
 * matched on the physical key (so Option+P on a Mac works too), shown on the
 * buttons and listed under them.
 */
export const DESK_SHORTCUTS = {
  payment: { hotkey: 'alt+P', keys: ['Alt', 'P'], aria: 'Alt+P', what: 'Record payment' },
  carryForward: { hotkey: 'alt+C', keys: ['Alt', 'C'], aria: 'Alt+C', what: 'Carry forward' },
  writeOff: { hotkey: 'alt+W', keys: ['Alt', 'W'], aria: 'Alt+W', what: 'Request write-off' },
  refund: { hotkey: 'alt+R', keys: ['Alt', 'R'], aria: 'Alt+R', what: 'Refund' },
  receipt: { hotkey: 'alt+T', keys: ['Alt', 'T'], aria: 'Alt+T', what: 'Receipt' },
  items: { hotkey: 'alt+I', keys: ['Alt', 'I'], aria: 'Alt+I', what: 'Go to the items' },
  hardship: { hotkey: 'alt+H', keys: ['Alt', 'H'], aria: 'Alt+H', what: 'Hardship application' },
} as const;

export type DeskShortcut = keyof typeof DESK_SHORTCUTS;

const NOT_TEXT_INPUTS = new Set(['radio', 'checkbox', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/**
 * True while the person is typing somewhere, so a shortcut must not fire. The
 * empty patient search box is the exception: focus rests there after a patient
 * opens, and nothing is being typed.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  if (NOT_TEXT_INPUTS.has(target.type)) return false;
  const restingSearchBox = target.getAttribute('role') === 'combobox' && target.value === '';
  return !restingSearchBox;
}
