import { Button, Group, List, Loader, Stack, Text, Textarea, Title } from '@mantine/core';
import { useId, useRef, useState } from 'react';
import type { HardshipApplicationDetail } from '../../../shared/api/hardship';
import { MIN_DECISION_REASON } from '../../../shared/api/hardship';
import { formatCents } from '../../../shared/money';
import { HARDSHIP_DOCUMENT_LABELS, householdWords } from '../../../shared/policy/hardship';
import { api } from '../api/client';
import { Fact, Facts } from '../components/Facts';
import { DialogError } from '../components/dialogs/DialogError';
import { newIdempotencyKey } from '../desk/idempotency';
import { usDatesIn } from '../desk/verdict-view';
import { formatInstant, formatUsDate } from '../format/dates';
import { useApiQuery } from '../hooks/use-api-query';
import { useDeskAction } from '../hooks/use-desk-action';
import { discountWords } from './hardship-words';
import { SlidingScaleResult } from './SlidingScaleResult';
import { TitledAlert } from './TitledAlert';

export interface HardshipDecisionPanelProps {
  applicationId: number;
  /** Called after the manager approved or denied, so the queue can refresh. */
  onDecided(): void;
}

/** The manager's review of one hardship application: the facts the desk recorded, the computed result, approve or deny with a reason. */
export function HardshipDecisionPanel({ applicationId, onDecided }: HardshipDecisionPanelProps) {
  const query = useApiQuery('getHardshipApplication', { applicationId });
  const application = query.data?.id === applicationId ? query.data : null;
  if (!application) {
    return query.error ? (
      <TitledAlert color="red" title="Could not open the application">
        <Text size="sm">{query.error}</Text>
      </TitledAlert>
    ) : (
      <Group gap="xs">
        <Loader size="xs" aria-hidden />
        <Text size="sm" c="dimmed">
          Opening the hardship application…
        </Text>
      </Group>
    );
  }
  return <ApplicationReview application={application} onDecided={onDecided} reload={query.reload} />;
}

function ApplicationReview({ application, onDecided, reload }: { application: HardshipApplicationDetail; onDecided(): void; reload(): void }) {
  const headingId = useId();
  const pending = application.status === 'pending';
  return (
    <Stack component="section" aria-labelledby={headingId} gap="md">
      <div>
        <Title order={3} size="h4" id={headingId}>
          What the desk recorded
        </Title>
        <Text size="sm" c="dimmed">
          {application.patient.name} · MRN {application.patient.mrn} · submitted by {application.submittedBy} on {formatInstant(new Date(application.submittedAt))}
        </Text>
      </div>
      <Facts>
        <Fact label="Household">{householdWords(application.householdSize)}</Fact>
        <Fact label="Annual income">{formatCents(application.annualIncomeCents)}</Fact>
        <Fact label="Of the poverty guideline">{application.result.percentOfGuideline}%</Fact>
      </Facts>
      <div>
        <Text size="sm" fw={600} id={`${headingId}-documents`}>
          Documents seen
        </Text>
        <List size="sm" aria-labelledby={`${headingId}-documents`}>
          {application.documentsSeen.map((document) => (
            <List.Item key={document}>{HARDSHIP_DOCUMENT_LABELS[document]}</List.Item>
          ))}
        </List>
      </div>
      {application.note && (
        <Text size="sm">
          <Text span fw={600}>
            Desk note:{' '}
          </Text>
          {application.note}
        </Text>
      )}
      <SlidingScaleResult result={application.result} title={`${pending ? 'Computed' : 'Decided on'}: ${discountWords(application.result.discountPercent)}`} />
      {application.currentResult && (
        <SlidingScaleResult
          result={application.currentResult}
          title={`The policy changed since: an approval now gives ${discountWords(application.currentResult.discountPercent)} (version ${application.currentResult.policyVersion})`}
        />
      )}
      {pending ? <DecisionForm application={application} onDecided={onDecided} reload={reload} /> : <DecidedLine application={application} />}
    </Stack>
  );
}

function DecidedLine({ application }: { application: HardshipApplicationDetail }) {
  const when = application.decidedAt ? formatInstant(new Date(application.decidedAt)) : '';
  const status =
    application.state === 'active'
      ? `Approved by ${application.decidedBy ?? 'a manager'} on ${when}: in force; it expires on ${formatUsDate(application.expiresOn ?? '')}.`
      : application.state === 'expired'
        ? `Approved by ${application.decidedBy ?? 'a manager'} on ${when}; expired on ${formatUsDate(application.expiresOn ?? '')}.`
        : `Denied by ${application.decidedBy ?? 'a manager'} on ${when}.`;
  return (
    <TitledAlert color={application.status === 'approved' ? 'teal' : 'gray'} title={status}>
      <Text size="sm">Reason: {application.decisionReason}</Text>
    </TitledAlert>
  );
}

function DecisionForm({ application, onDecided, reload }: { application: HardshipApplicationDetail; onDecided(): void; reload(): void }) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const action = useDeskAction();
  const approveBlocked = application.approveBlockedBy;

  async function decide(decision: 'approve' | 'deny'): Promise<void> {
    const text = reason.trim();
    if (text.length < MIN_DECISION_REASON) {
      setReasonError(`Say why, in a few words (${MIN_DECISION_REASON} characters at least).`);
      reasonRef.current?.focus();
      return;
    }
    setReasonError(null);
    const done = await action.run(() => api('decideHardship', { applicationId: application.id, decision, reason: text, idempotencyKey }));
    // Decided (by this manager or, as the refusal says, by another one a moment ago): show the record as it is now.
    reload();
    if (done.ok) onDecided();
  }

  return (
    <Stack gap="sm">
      <Text size="sm" id={hintId}>
        Approving applies {discountWords((application.currentResult ?? application.result).discountPercent)} to this patient’s balances; it expires on{' '}
        {formatUsDate(application.expiresOnIfApprovedToday)} (policy 5.2), and then a new application is needed.
      </Text>
      <Textarea
        ref={reasonRef}
        label="Reason for the decision"
        description="Recorded with the decision and sent to the main system"
        withAsterisk
        autosize
        minRows={2}
        maxLength={500}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={reasonError}
      />
      {approveBlocked && <Text size="sm" c="gray.7">{usDatesIn(approveBlocked)}</Text>}
      <DialogError message={action.error ? usDatesIn(action.error) : null} />
      <Group gap="xs" justify="flex-end">
        <Button variant="default" color="red" onClick={() => void decide('deny')} loading={action.pending}>
          Deny
        </Button>
        <Button onClick={() => void decide('approve')} loading={action.pending} disabled={approveBlocked !== null} aria-describedby={hintId}>
          Approve
        </Button>
      </Group>
    </Stack>
  );
}
