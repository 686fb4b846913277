import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import type { PendingEntry } from '../../../../shared/api/decisions';
import { MIN_DECISION_REASON } from '../../../../shared/api/decisions';
import { formatCents } from '../../../../shared/money';
import { newIdempotencyKey } from '../../desk/idempotency';
import { actionErrorMessage } from '../../store/errors';
import { DialogError } from '../../components/dialogs/DialogError';
import { decide } from './decide';
import type { ReasonAction } from './pending-view';
import { reasonDialogText } from './pending-view';

export interface ReasonDialogProps {
  /** The entry and what the manager chose; null when closed. */
  open: { entry: PendingEntry; action: ReasonAction } | null;
  onClose(): void;
  /** After the core recorded the decision, with its summary of what happened. */
  onDone(entry: PendingEntry, summary: string): void;
}

/** Approve, deny or resolve one entry: a reason is required; the core's refusal is shown word for word. */
export function ReasonDialog({ open, onClose, onDone }: ReasonDialogProps) {
  const text = open ? reasonDialogText(open.entry, open.action) : null;
  return (
    <Modal opened={open !== null} onClose={onClose} title={text?.title} size="lg">
      {open && text && <ReasonForm key={`${open.entry.kind}:${open.entry.id}:${open.action}`} {...open} text={text} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

interface ReasonFormProps {
  entry: PendingEntry;
  action: ReasonAction;
  text: ReturnType<typeof reasonDialogText>;
  onClose(): void;
  onDone(entry: PendingEntry, summary: string): void;
}

function ReasonForm({ entry, action, text, onClose, onDone }: ReasonFormProps) {
  // One key per opening: a double click or a retry records the decision once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  async function submit(): Promise<void> {
    const said = reason.trim();
    if (said.length < MIN_DECISION_REASON) {
      setReasonError(`Say why, in a few words (${MIN_DECISION_REASON} characters at least).`);
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    setFailure(null);
    setPending(true);
    try {
      onDone(entry, await decide(entry, action, said, idempotencyKey));
    } catch (error) {
      setFailure(actionErrorMessage(error));
    } finally {
      setPending(false);
    }
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
        <div>
          {entry.patientName && (
            <Text fw={600}>
              {entry.patientName} <Text span c="dimmed" size="sm">MRN {entry.mrn}</Text>
            </Text>
          )}
          {entry.amountCents !== null && <Text size="sm">Amount: {formatCents(entry.amountCents)}</Text>}
          <Text size="sm">{entry.detail}</Text>
        </div>
        <Text size="sm">{text.explanation}</Text>
        <Textarea
          ref={reasonRef}
          data-autofocus
          label="Reason"
          description={text.reasonDescription}
          withAsterisk
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={reasonError}
        />
        <DialogError message={failure} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {text.confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
