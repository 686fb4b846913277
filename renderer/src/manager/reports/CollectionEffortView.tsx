import { BarChart, LineChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import type { CollectionEffortReport } from '../../../../shared/api/reports';
import { formatCents } from '../../../../shared/money';
import { ChartSection } from './ChartSection';
import { FigureTable } from './FigureTable';
import { formatCount, formatDollars, monthLabel, toDollars } from './format';

/** Statements sent each month and how many were answered by a payment; what they asked for and what came in. */
export function CollectionEffortView({ report }: { report: CollectionEffortReport }) {
  const window = `within ${report.windowDays} days`;
  const counts = report.months.map((m) => ({ month: monthLabel(m.month), statements: m.statements, followed: m.followedByPayment, inFull: m.paidInFull }));
  const money = report.months.map((m) => ({ month: monthLabel(m.month), billed: toDollars(m.billedCents), paid: toDollars(m.paidWithinWindowCents) }));
  const empty = report.months.length === 0;
  const table = (
    <FigureTable
      caption="Statements and payments after them, by month"
      columns={[
        { key: 'month', label: 'Month' },
        { key: 'statements', label: 'Statements sent', numeric: true },
        { key: 'followed', label: `Followed by a payment ${window}`, numeric: true },
        { key: 'inFull', label: `Paid in full ${window}`, numeric: true },
        { key: 'billed', label: 'Billed', numeric: true },
        { key: 'paid', label: `Paid ${window}`, numeric: true },
      ]}
      rows={report.months.map((m) => ({
        key: m.month,
        month: monthLabel(m.month),
        statements: formatCount(m.statements),
        followed: formatCount(m.followedByPayment),
        inFull: formatCount(m.paidInFull),
        billed: formatCents(m.billedCents),
        paid: formatCents(m.paidWithinWindowCents),
      }))}
    />
  );
  return (
    <Stack gap="xl">
      <ChartSection
        title="Statements sent and answered"
        description={`How many statements went out each month, and how many were followed by a payment on their items ${window}.`}
        chartLabel="Bar chart of statements sent each month, those followed by a payment, and those paid in full."
        empty={empty}
        chart={
          <BarChart
            h={300}
            data={counts}
            dataKey="month"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={[
              { name: 'statements', label: 'Statements sent', color: 'indigo.6' },
              { name: 'followed', label: 'Followed by a payment', color: 'teal.6' },
              { name: 'inFull', label: 'Paid in full', color: 'orange.6' },
            ]}
            barChartProps={{ accessibilityLayer: false }}
          />
        }
        table={table}
      />
      <ChartSection
        title="Billed and paid after statements"
        description={`What the statements asked for each month, and what was paid on their items ${window}.`}
        chartLabel="Line chart of the amount billed on statements each month and the amount paid after them."
        empty={empty}
        chart={
          <LineChart
            h={260}
            data={money}
            dataKey="month"
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            series={[
              { name: 'billed', label: 'Billed', color: 'indigo.6' },
              { name: 'paid', label: `Paid ${window}`, color: 'teal.7' },
            ]}
            valueFormatter={formatDollars}
            lineChartProps={{ accessibilityLayer: false }}
          />
        }
        table={null}
      />
    </Stack>
  );
}
