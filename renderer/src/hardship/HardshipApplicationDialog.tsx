import { Button, Checkbox, Group, Loader, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import type { PatientBalance } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import type { HardshipDocument } from '../../../shared/policy/hardship';
import { HARDSHIP_DOCUMENT_LABELS, HARDSHIP_DOCUMENTS, householdWords } from '../../../shared/policy/hardship';
import { api } from '../api/client';
import { DialogError } from '../components/dialogs/DialogError';
import { newIdempotencyKey } from '../desk/idempotency';
import { usDatesIn } from '../desk/verdict-view';
import { useDeskAction } from '../hooks/use-desk-action';
import { appStore } from '../store';
import type { HardshipFormErrors } from './hardship-form';
import { checkHardshipForm, previewFacts } from './hardship-form';
import { bumpHardshipRevision } from './hardship-revision';
import { discountWords } from './hardship-words';
import { SlidingScaleResult } from './SlidingScaleResult';
import { TitledAlert } from './TitledAlert';
import { useHardshipPreview } from './use-hardship-preview';

/**
 * Hardship application at the desk: household size, yearly income and the documents seen, with the
 * sliding-scale result shown as the desk types; submitted, it waits for a manager's decision.
 */
export function HardshipDialogBody({ balance }: { balance: PatientBalance }) {
  const patientId = balance.patient.id;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [householdText, setHouseholdText] = useState('');
  const [incomeText, setIncomeText] = useState('');
  const [documents, setDocuments] = useState<HardshipDocument[]>([]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<HardshipFormErrors>({});
  const householdRef = useRef<HTMLInputElement>(null);
  const incomeRef = useRef<HTMLInputElement>(null);
  const action = useDeskAction();
  const { preview, error: previewError, loading } = useHardshipPreview(patientId, previewFacts({ householdText, incomeText }));
  const close = () => appStore.getState().closeDialog();

  async function submit(): Promise<void> {
    const checked = checkHardshipForm({ householdText, incomeText, documents, note });
    setErrors(checked.errors);
    if (!checked.input) {
      if (checked.errors.household) householdRef.current?.focus();
      else if (checked.errors.income) incomeRef.current?.focus();
      return;
    }
    const input = checked.input;
    const done = await action.run(() => api('submitHardshipApplication', { patientId, ...input, idempotencyKey }));
    if (!done.ok) return;
    const { householdSize, annualIncomeCents, result } = done.value;
    appStore
      .getState()
      .setDeskNotice(
        `Hardship application sent to a manager: household of ${householdWords(householdSize)}, ${formatCents(annualIncomeCents)} a year — ${discountWords(result.discountPercent)} under the sliding scale if approved.`,
      );
    bumpHardshipRevision();
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
        <Text size="sm">
          Record what the patient tells you and the documents you saw. The policy’s sliding scale gives the discount; a manager decides. The same rules
          apply to every patient.
        </Text>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            ref={householdRef}
            data-autofocus
            label="Household size"
            description="People in the household"
            inputMode="numeric"
            autoComplete="off"
            withAsterisk
            miw={140}
            value={householdText}
            onChange={(event) => setHouseholdText(event.currentTarget.value)}
            error={errors.household}
            classNames={{ input: 'numeric' }}
          />
          <TextInput
            ref={incomeRef}
            label="Annual household income"
            description="Before taxes, all earners"
            leftSection="$"
            inputMode="decimal"
            autoComplete="off"
            withAsterisk
            miw={180}
            value={incomeText}
            onChange={(event) => setIncomeText(event.currentTarget.value)}
            error={errors.income}
            classNames={{ input: 'numeric' }}
          />
        </Group>
        <Checkbox.Group
          label="Documents seen"
          description="Tick each one you looked at"
          withAsterisk
          value={documents}
          onChange={(value) => setDocuments(HARDSHIP_DOCUMENTS.filter((d) => value.includes(d)))}
          error={errors.documents}
        >
          <Stack gap={6} mt={6}>
            {HARDSHIP_DOCUMENTS.map((document) => (
              <Checkbox key={document} value={document} label={HARDSHIP_DOCUMENT_LABELS[document]} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label="Note (optional)"
          description="e.g. lost job in October"
          autosize
          minRows={1}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <div role="status" aria-live="polite" aria-label="Sliding-scale result">
          {preview ? (
            <Stack gap="xs">
              <SlidingScaleResult result={preview} />
              {preview.blockedBy && (
                <TitledAlert color="yellow" title="Already waiting">
                  <Text size="sm">{usDatesIn(preview.blockedBy)}</Text>
                </TitledAlert>
              )}
            </Stack>
          ) : previewError ? (
            <Text size="sm" c="red.8">
              {previewError}
            </Text>
          ) : loading ? (
            <Group gap="xs">
              <Loader size="xs" aria-hidden />
              <Text size="sm" c="dimmed">
                Working out the sliding scale…
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              Enter the household size and income to see the sliding-scale result.
            </Text>
          )}
        </div>
        <DialogError message={action.error ? usDatesIn(action.error) : null} />
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
