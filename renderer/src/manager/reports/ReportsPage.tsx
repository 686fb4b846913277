import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { ApiInput } from '../../../../shared/contract';
import type { ReportView } from '../../../../shared/api/reports';
import { useApiQuery } from '../../hooks/use-api-query';
import { CarriedForwardView } from './CarriedForwardView';
import { CollectionEffortView } from './CollectionEffortView';
import { ConsistencyView } from './ConsistencyView';
import { saveTextFile } from './download';
import type { ReportChoice } from './ReportControls';
import { ReportControls } from './ReportControls';
import { WriteOffsView } from './WriteOffsView';

/** What the controls ask the core for; a period that ends before it starts is not asked at all. */
function reportInput(choice: ReportChoice): ApiInput<'getReport'> {
  const margin = typeof choice.margin === 'number' ? choice.margin : undefined;
  return {
    name: choice.name,
    ...(choice.from ? { from: choice.from } : {}),
    ...(choice.to ? { to: choice.to } : {}),
    ...(choice.name === 'consistency' && margin !== undefined ? { margin } : {}),
  };
}

/** The manager's reports: pick one and a period, read the charts and their tables, export the CSV. */
export function ReportsPage() {
  const [choice, setChoice] = useState<ReportChoice>({ name: 'write-offs', from: '', to: '', margin: '' });
  const rangeError = choice.from && choice.to && choice.from > choice.to ? 'The last day must be on or after the first day.' : null;
  const [asked, setAsked] = useState(() => reportInput(choice));
  const [debounced] = useDebouncedValue(asked, 250);
  const report = useApiQuery('getReport', debounced);

  const change = (next: ReportChoice) => {
    setChoice(next);
    const invalid = next.from && next.to && next.from > next.to;
    if (!invalid) setAsked(reportInput(next));
  };

  const view = report.data && report.data.name === debounced.name ? report.data : null;
  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        Reports
      </Title>
      <ReportControls choice={choice} onChange={change} rangeError={rangeError} />
      {report.error && (
        <Alert role="alert" color="red" variant="light" title="Could not make the report">
          {report.error}
        </Alert>
      )}
      {!view ? (
        !report.error && (
          <Group gap="xs" role="status">
          <Loader size="sm" aria-hidden />
            <Text c="dimmed">Making the report…</Text>
          </Group>
        )
      ) : (
        <Stack gap="lg" aria-busy={report.loading}>
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap={2} style={{ flex: '1 1 18rem' }}>
              <Text fw={600}>{view.title}</Text>
              <Text size="sm" c="dimmed">
                {view.periodNote}
              </Text>
            </Stack>
            <Button variant="default" onClick={() => saveTextFile(view.csv, view.csvFileName)}>
              Export CSV
            </Button>
          </Group>
          <ReportBody report={view} />
        </Stack>
      )}
    </Stack>
  );
}

function ReportBody({ report }: { report: ReportView }) {
  switch (report.name) {
    case 'write-offs':
      return <WriteOffsView report={report} />;
    case 'carried-forward':
      return <CarriedForwardView report={report} />;
    case 'collection-effort':
      return <CollectionEffortView report={report} />;
    case 'consistency':
      return <ConsistencyView report={report} />;
  }
}
