import { useHotkeys } from '@mantine/hooks';
import { useEffect } from 'react';
import { api } from '../api/client';
import { appStore, useAppStore } from '../store';

/** What counts as someone at the desk. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
/** How often, at most, the core hears that someone is still here (it ends idle sessions itself). */
const TOUCH_EVERY_MS = 60_000;

export const LOCK_SHORTCUT = { hotkey: 'alt+L', keys: ['Alt', 'L'], aria: 'Alt+L', what: 'Lock' } as const;

/**
 * Locks the app after the practice's idle time without keyboard or pointer use, and on Alt+L.
 * Locking ends the session and clears every patient detail from the screen and memory.
 */
export function useIdleLock(): void {
  const minutes = useAppStore((s) => s.idleLockMinutes);

  // Works while typing too (no ignored tags): someone stepping away mid-form must be able to lock.
  useHotkeys(
    [
      [
        LOCK_SHORTCUT.hotkey,
        (event) => {
          event.preventDefault();
          void appStore.getState().signOut('lock');
        },
        { usePhysicalKeys: true },
      ],
    ],
    [],
  );

  useEffect(() => {
    let timer = setTimeout(lockIdle, minutes * 60_000);
    let lastTouch = Date.now();
    function lockIdle() {
      void appStore.getState().signOut('idle');
    }
    function activity() {
      clearTimeout(timer);
      timer = setTimeout(lockIdle, minutes * 60_000);
      if (Date.now() - lastTouch > TOUCH_EVERY_MS) {
        lastTouch = Date.now();
        void api('touchSession', {}).catch(() => undefined);
      }
    }
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, activity, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, activity, { capture: true });
    };
  }, [minutes]);
}
