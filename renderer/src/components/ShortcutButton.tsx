import { Button, Kbd } from '@mantine/core';
import type { ButtonProps } from '@mantine/core';
import type { Ref } from 'react';
import { DESK_SHORTCUTS } from '../desk/shortcuts';
import type { DeskShortcut } from '../desk/shortcuts';
import classes from './ShortcutButton.module.css';

/**
 * A desk action with its shortcut shown on it. When the action is not
 * available it stays focusable (aria-disabled) and points at the sentence
 * that says why, so keyboard and screen-reader users learn the reason too.
 */
export function ShortcutButton({
  label,
  shortcut,
  enabled,
  describedBy,
  onClick,
  buttonRef,
  variant = 'default',
}: {
  label: string;
  shortcut: DeskShortcut;
  enabled: boolean;
  describedBy?: string;
  onClick(): void;
  buttonRef?: Ref<HTMLButtonElement>;
  variant?: ButtonProps['variant'];
}) {
  const keys = DESK_SHORTCUTS[shortcut];
  return (
    <Button
      ref={buttonRef}
      variant={variant}
      data-disabled={!enabled || undefined}
      aria-disabled={!enabled || undefined}
      aria-describedby={describedBy}
      aria-keyshortcuts={keys.aria}
      onClick={(event) => {
        if (!enabled) {
          event.preventDefault();
          return;
        }
        onClick();
      }}
      rightSection={
        <span className={classes.keys} aria-hidden>
          <Kbd size="xs">{keys.keys[0]}</Kbd>+<Kbd size="xs">{keys.keys[1]}</Kbd>
        </span>
      }
    >
      {label}
    </Button>
  );
}
