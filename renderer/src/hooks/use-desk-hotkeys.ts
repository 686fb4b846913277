import { useHotkeys } from '@mantine/hooks';
import { DESK_SHORTCUTS, isTypingTarget } from '../desk/shortcuts';
import type { DeskShortcut } from '../desk/shortcuts';
import { appStore } from '../store';

/**
 * The desk's Alt+letter shortcuts (see DESK_SHORTCUTS). They do nothing while
 * the person is typing in a field or while a dialog (or the sync log) is open.
 */
export function useDeskHotkeys(handlers: Record<DeskShortcut, () => void>): void {
  useHotkeys(
    (Object.keys(DESK_SHORTCUTS) as DeskShortcut[]).map((name) => [
      DESK_SHORTCUTS[name].hotkey,
      (event: KeyboardEvent) => {
        if (event.repeat || isTypingTarget(event.target) || appStore.getState().dialog !== null || appStore.getState().syncLogOpen) return;
        event.preventDefault();
        handlers[name]();
      },
      { preventDefault: false, usePhysicalKeys: true },
    ]),
    [],
  );
}
