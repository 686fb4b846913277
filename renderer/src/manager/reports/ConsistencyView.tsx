import { BarChart } from '@mantine/charts';
import { Alert, List, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { ConsistencyDimension, ConsistencyGroup, ConsistencyReport } from '../../../../shared/api/reports';
import { formatCents } from '../../../../shared/money';
import { ChartSection } from './ChartSection';
import { FigureTable } from './FigureTable';
import { formatCount, formatPct } from './format';

type Metric = 'writeOff' | 'exception';

const METRICS: Record<Metric, { label: string; rate: (g: ConsistencyGroup) => number; others: (g: ConsistencyGroup) => number | null; flagged: (g: ConsistencyGroup) => boolean; overall: (r: ConsistencyReport) => number }> = {
  writeOff: { label: 'Write-off rate', rate: (g) => g.writeOffRatePct, others: (g) => g.othersWriteOffRatePct, flagged: (g) => g.writeOffFlagged, overall: (r) => r.overall.writeOffRatePct },
  exception: { label: 'Exception rate', rate: (g) => g.exceptionRatePct, others: (g) => g.othersExceptionRatePct, flagged: (g) => g.exceptionFlagged, overall: (r) => r.overall.exceptionRatePct },
};

const DIMENSIONS: { dimension: ConsistencyDimension; title: string }[] = [
  { dimension: 'program', title: 'By payer program' },
  { dimension: 'age band', title: 'By patient age' },
];

/** The consistency audit: rates per group, flagged groups in red and named in words, with every figure in a table. */
export function ConsistencyView({ report }: { report: ConsistencyReport }) {
  const [metric, setMetric] = useState<Metric>('writeOff');
  // Group names need less room than the bars on a narrow window.
  const narrow = useMediaQuery('(max-width: 40em)') ?? false;
  const m = METRICS[metric];
  return (
    <Stack gap="xl">
      <Flags report={report} />
      <SegmentedControl
        aria-label="Rate to chart"
        value={metric}
        onChange={(value) => setMetric(value as Metric)}
        data={[
          { value: 'writeOff', label: 'Write-off rate' },
          { value: 'exception', label: 'Exception rate' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {DIMENSIONS.map(({ dimension, title }) => {
        const groups = report.groups.filter((g) => g.dimension === dimension);
        const data = groups.map((g) => ({ group: m.flagged(g) ? `${g.label} (flagged)` : g.label, rate: m.rate(g), color: m.flagged(g) ? 'red.7' : 'indigo.6' }));
        return (
          <ChartSection
            key={dimension}
            title={`${title}: ${m.label.toLowerCase()}`}
            description={
              metric === 'writeOff'
                ? 'Share of the amount billed that was written off under a discretionary rule. Flagged groups are red; the line is all patients.'
                : 'Share of items for which an exception (a write-off request) was asked. Flagged groups are red; the line is all patients.'
            }
            chartLabel={`Bar chart of the ${m.label.toLowerCase()} ${title.toLowerCase()}, with flagged groups highlighted.`}
            empty={groups.length === 0}
            chart={
              <BarChart
                h={Math.max(140, 44 * data.length)}
                data={data}
                dataKey="group"
                orientation="vertical"
                series={[{ name: 'rate', label: m.label, color: 'indigo.6' }]}
                valueFormatter={(v) => formatPct(v)}
                yAxisProps={{ width: narrow ? 120 : 170 }}
                referenceLines={[{ x: m.overall(report), label: `All patients ${formatPct(m.overall(report))}`, color: 'gray.7' }]}
                barChartProps={{ accessibilityLayer: false }}
              />
            }
            table={<GroupTable caption={`Consistency ${title.toLowerCase()}`} groups={groups} />}
          />
        );
      })}
    </Stack>
  );
}

function Flags({ report }: { report: ConsistencyReport }) {
  if (report.flags.length === 0) {
    return (
      <Alert color="teal" variant="light" title="No group stands out">
        Every group&apos;s write-off and exception rates are within {report.marginPoints} percentage points of the other patients&apos;.
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title={`${report.flags.length === 1 ? 'One difference' : `${report.flags.length} differences`} beyond ${report.marginPoints} percentage points`}>
      <Stack gap="xs">
        <List size="sm" spacing={4}>
          {report.flags.map((flag) => (
            <List.Item key={flag}>{flag}</List.Item>
          ))}
        </List>
        <Text size="sm">A difference is not proof of preference (groups differ in what they owe), but each one should have a reason the written policy gives.</Text>
      </Stack>
    </Alert>
  );
}

function GroupTable({ caption, groups }: { caption: string; groups: ConsistencyGroup[] }) {
  const flag = (g: ConsistencyGroup) => [g.writeOffFlagged && 'Write-off rate', g.exceptionFlagged && 'Exception rate'].filter(Boolean).join(', ') || 'None';
  return (
    <FigureTable
      caption={caption}
      columns={[
        { key: 'group', label: 'Group' },
        { key: 'items', label: 'Items', numeric: true },
        { key: 'charged', label: 'Billed', numeric: true },
        { key: 'writtenOff', label: 'Written off', numeric: true },
        { key: 'writeOffRate', label: 'Write-off rate', numeric: true },
        { key: 'othersWriteOff', label: 'Others’ write-off rate', numeric: true },
        { key: 'exceptions', label: 'Exceptions asked', numeric: true },
        { key: 'exceptionRate', label: 'Exception rate', numeric: true },
        { key: 'othersException', label: 'Others’ exception rate', numeric: true },
        { key: 'flag', label: 'Flagged' },
      ]}
      rows={groups.map((g) => ({
        key: g.group,
        group: g.label,
        items: formatCount(g.items),
        charged: formatCents(g.chargedCents),
        writtenOff: formatCents(g.writtenOffCents),
        writeOffRate: formatPct(g.writeOffRatePct),
        othersWriteOff: formatPct(g.othersWriteOffRatePct),
        exceptions: formatCount(g.exceptionRequests),
        exceptionRate: formatPct(g.exceptionRatePct),
        othersException: formatPct(g.othersExceptionRatePct),
        flag: flag(g),
      }))}
    />
  );
}
