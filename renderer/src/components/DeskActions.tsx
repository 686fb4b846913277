import { Group, Kbd, Paper, Stack, Text, Title } from '@mantine/core';
import { useId, useRef } from 'react';
import type { PatientBalance } from '../../../shared/contract';
import { deskActionAvailability, selectedItem } from '../desk/actions';
import type { DeskActionId } from '../desk/actions';
import { useDeskHotkeys } from '../hooks/use-desk-hotkeys';
import { appStore, useAppStore } from '../store';
import { ItemActionHints } from './ItemActionHints';
import { OPEN_ITEMS_TABLE_ID } from './OpenItemsTable';
import { SelectedItemLine } from './SelectedItemLine';
import { ShortcutButton } from './ShortcutButton';

type ItemActionId = Extract<DeskActionId, 'carryForward' | 'writeOff' | 'refund'>;

/** Moves focus to the selected item's radio button (selecting the first item if none is), where the arrow keys choose. */
function focusItems(): void {
  const table = document.getElementById(OPEN_ITEMS_TABLE_ID);
  const radio = table?.querySelector<HTMLInputElement>('input[type="radio"]:checked') ?? table?.querySelector<HTMLInputElement>('input[type="radio"]');
  if (!radio) return;
  radio.focus();
  if (!radio.checked) radio.click();
}

/**
 * What the desk can do for the open patient: record a payment and print the
 * receipt; for the selected item, carry it forward, request a write-off or
 * refund it. Unavailable actions say why, right under the buttons.
 */
export function DeskActions({ balance }: { balance: PatientBalance }) {
  const headingId = useId();
  const hintIds = { carryForward: useId(), writeOff: useId(), refund: useId(), none: useId() };
  const refs = {
    carryForward: useRef<HTMLButtonElement>(null),
    writeOff: useRef<HTMLButtonElement>(null),
    refund: useRef<HTMLButtonElement>(null),
  };
  const selectedItemId = useAppStore((s) => s.selectedItemId);
  const today = useAppStore((s) => s.appInfo?.today ?? null);
  const selected = selectedItem(balance, selectedItemId);
  const availability = deskActionAvailability(balance, selected, today);

  const open = (id: DeskActionId) => appStore.getState().openDialog(id);
  /** An unavailable item action takes focus instead, so its reason is read out and seen. */
  const openItemAction = (id: ItemActionId) => {
    if (availability[id].enabled) open(id);
    else refs[id].current?.focus();
  };

  useDeskHotkeys({
    payment: () => open('payment'),
    receipt: () => open('receipt'),
    carryForward: () => openItemAction('carryForward'),
    writeOff: () => openItemAction('writeOff'),
    refund: () => openItemAction('refund'),
    items: focusItems,
    hardship: () => appStore.getState().openDialog('hardship'),
  });

  const itemButton = (id: ItemActionId, label: string, shortcut: ItemActionId) => (
    <ShortcutButton
      label={label}
      shortcut={shortcut}
      enabled={availability[id].enabled}
      describedBy={selected ? hintIds[id] : hintIds.none}
      buttonRef={refs[id]}
      onClick={() => open(id)}
    />
  );

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={headingId}>
          Actions
        </Title>
        <Group gap="xs" wrap="wrap">
          <ShortcutButton label="Record payment" shortcut="payment" variant="filled" enabled onClick={() => open('payment')} />
          <ShortcutButton label="Receipt" shortcut="receipt" enabled onClick={() => open('receipt')} />
          <ShortcutButton label="Hardship application" shortcut="hardship" enabled onClick={() => appStore.getState().openDialog('hardship')} />
        </Group>
        <SelectedItemLine item={selected} />
        <Group gap="xs" wrap="wrap">
          {itemButton('carryForward', 'Carry forward', 'carryForward')}
          {itemButton('writeOff', 'Request write-off', 'writeOff')}
          {itemButton('refund', 'Refund', 'refund')}
        </Group>
        <ItemActionHints selected={selected} availability={availability} hintIds={hintIds} />
        <Text size="xs" c="dimmed">
          Shortcuts work when you are not typing in a field: <Kbd size="xs">Alt</Kbd>+<Kbd size="xs">I</Kbd> goes to the items, then{' '}
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> choose one; <Kbd size="xs">/</Kbd> goes back to the search.
        </Text>
      </Stack>
    </Paper>
  );
}
