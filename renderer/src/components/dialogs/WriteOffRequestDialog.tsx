import { Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import type { CheckInItem } from '../../../../shared/contract';
import { formatCents } from '../../../../shared/money';
import { newIdempotencyKey } from '../../desk/idempotency';
import { itemName } from '../../desk/verdict-view';
import { useDeskAction } from '../../hooks/use-desk-action';
import { appStore } from '../../store';
import { DialogError } from './DialogError';
import { ItemSummary } from './ItemSummary';

const MIN_REASON = 5;

/** Request write-off: the reason (required) and any documentation, for a manager to decide. */
export function WriteOffRequestDialogBody({ item }: { item: CheckInItem }) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [reason, setReason] = useState('');
  const [documentationRef, setDocumentationRef] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const action = useDeskAction();
  const close = () => appStore.getState().closeDialog();

  async function submit(): Promise<void> {
    const text = reason.trim();
    if (text.length < MIN_REASON) {
      setReasonError('Say why, in a few words (5 characters at least).');
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    const doc = documentationRef.trim();
    const done = await action.run(() =>
      appStore.getState().act('requestWriteOff', { itemId: item.id, reason: text, ...(doc ? { documentationRef: doc } : {}), idempotencyKey }),
    );
    if (!done.ok) return;
    appStore.getState().setDeskNotice(`Write-off request for ${itemName(item)}, ${formatCents(done.value.amountCents)}, sent to a manager.`);
    close();
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <ItemSummary item={item} />
        <Text size="sm">
          A manager decides. Until then the item stays owed and shows “Waiting for manager”. The whole open amount, {formatCents(item.openCents)}, is
          requested.
        </Text>
        <Textarea
          ref={reasonRef}
          data-autofocus
          label="Reason"
          description="Why should this be written off? e.g. financial hardship, billing error"
          withAsterisk
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={reasonError}
        />
        <TextInput
          label="Documentation reference (optional)"
          description="e.g. hardship form number, scanned letter"
          maxLength={200}
          autoComplete="off"
          value={documentationRef}
          onChange={(event) => setDocumentationRef(event.currentTarget.value)}
        />
        <DialogError message={action.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={action.pending}>
            Send to a manager
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
