import { Accordion, Alert, List, Stack, Table, Text, Title } from '@mantine/core';
import type { PolicyPreview, PolicyPreviewResult } from '../../../../shared/api/policy-editor';
import { VERDICT_OUTCOME_LABELS } from '../../../../shared/api/policy-editor';
import { formatCents } from '../../../../shared/money';
import { formatUsDate } from '../../format/dates';
import { TransitionExamples } from './TransitionExamples';

/** What the proposed version does to the open items: how many verdicts change, which way, with examples and money. */
export function PreviewPanel({ preview, stale }: { preview: PolicyPreview; stale: boolean }) {
  if (!preview.valid) {
    return (
      <Alert color="red" title="The policy has problems" role="alert">
        <List size="sm">
          {preview.issues.map((issue) => (
            <List.Item key={`${issue.path}|${issue.message}`}>{issue.message}</List.Item>
          ))}
        </List>
      </Alert>
    );
  }
  return (
    <Stack gap="md" component="section" aria-labelledby="policy-preview-heading" opacity={stale ? 0.6 : 1}>
      <Title order={3} id="policy-preview-heading">
        What this change does
      </Title>
      <Text role="status" fw={500}>
        {headline(preview)}
      </Text>
      <Text size="sm" c="dimmed">
        {preview.itemsEvaluated.toLocaleString('en-US')} open items of {preview.patientsEvaluated.toLocaleString('en-US')} patients evaluated under version {preview.basedOnVersion} and
        under your change, as of {formatUsDate(preview.today)} ({preview.elapsedMs.toLocaleString('en-US')} ms).
        {sameVerdictNote(preview)}
      </Text>
      {preview.warnings.map((warning) => (
        <Alert key={warning} color="yellow" title="Before you publish">
          {warning}
        </Alert>
      ))}
      {preview.transitions.length > 0 && <TransitionTable preview={preview} />}
      {preview.transitions.length > 0 && (
        <Accordion variant="separated" aria-label="Examples of items whose verdict changes">
          {preview.transitions.map((t) => (
            <Accordion.Item key={`${t.from}>${t.to}`} value={`${t.from}>${t.to}`}>
              <Accordion.Control>Examples: {t.summary}</Accordion.Control>
              <Accordion.Panel>
                <TransitionExamples transition={t} />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      <OutcomeTable preview={preview} />
    </Stack>
  );
}

function headline(preview: PolicyPreviewResult): string {
  if (preview.itemsChanged === 0) return 'No open item changes verdict.';
  const items = preview.itemsChanged === 1 ? '1 open item changes verdict' : `${preview.itemsChanged.toLocaleString('en-US')} open items change verdict`;
  return `${items}, ${formatCents(preview.centsChanged)} of open balances.`;
}

function sameVerdictNote(preview: PolicyPreviewResult): string {
  const { carryForwardDates, writeOffLimits } = preview.sameVerdictOtherChanges;
  const parts = [
    carryForwardDates ? `${carryForwardDates.toLocaleString('en-US')} keep their verdict with a different statement date` : '',
    writeOffLimits ? `${writeOffLimits.toLocaleString('en-US')} keep their verdict with a different write-off limit` : '',
  ].filter(Boolean);
  return parts.length ? ` Also: ${parts.join('; ')}.` : '';
}

function TransitionTable({ preview }: { preview: PolicyPreviewResult }) {
  return (
    <Table striped withTableBorder>
        <Table.Caption>Verdicts that change</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Change</Table.Th>
            <Table.Th scope="col" ta="right">
              Items
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Patients
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Open balance
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.transitions.map((t) => (
            <Table.Tr key={`${t.from}>${t.to}`}>
              <Table.Td>
                {VERDICT_OUTCOME_LABELS[t.from]} → {VERDICT_OUTCOME_LABELS[t.to]}
              </Table.Td>
              <Table.Td ta="right">{t.items.toLocaleString('en-US')}</Table.Td>
              <Table.Td ta="right">{t.patients.toLocaleString('en-US')}</Table.Td>
              <Table.Td ta="right">{formatCents(t.cents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
  );
}

function OutcomeTable({ preview }: { preview: PolicyPreviewResult }) {
  return (
    <Table withTableBorder>
      <Table.Caption>Open items by verdict: version {preview.basedOnVersion} and your change</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Verdict</Table.Th>
          <Table.Th scope="col" ta="right">
            Version {preview.basedOnVersion}
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Your change
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {preview.outcomes.map((o) => (
          <Table.Tr key={o.outcome}>
            <Table.Th scope="row" fw={400}>
              {o.label}
            </Table.Th>
            <Table.Td ta="right">
              <ItemsAndMoney items={o.before.items} cents={o.before.cents} />
            </Table.Td>
            <Table.Td ta="right" fw={o.after.items !== o.before.items || o.after.cents !== o.before.cents ? 700 : undefined}>
              <ItemsAndMoney items={o.after.items} cents={o.after.cents} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ItemsAndMoney({ items, cents }: { items: number; cents: number }) {
  return (
    <>
      {items.toLocaleString('en-US')} {items === 1 ? 'item' : 'items'}
      <br />
      {formatCents(cents)}
    </>
  );
}
