import { BarChart } from '@mantine/charts';
import { Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { WriteOffsReport } from '../../../../shared/api/reports';
import { formatCents } from '../../../../shared/money';
import { ChartSection } from './ChartSection';
import { FigureTable } from './FigureTable';
import { formatCount, formatDollars, monthLabel, seriesColor, toDollars } from './format';

/** Write-offs by month, stacked by rule, and their totals by rule. */
export function WriteOffsView({ report }: { report: WriteOffsReport }) {
  const narrow = useMediaQuery('(max-width: 40em)') ?? false;
  const series = report.rules.map((r, i) => ({ name: r.rule, label: r.label, color: seriesColor(i) }));
  const labelOf = new Map(report.rules.map((r) => [r.rule, r.label]));
  const byMonth = report.months.map((m) => ({ month: monthLabel(m.month), ...Object.fromEntries(report.rules.map((r) => [r.rule, toDollars(m.byRule[r.rule] ?? 0)])) }));
  const byRule = report.rules.map((r, i) => ({ rule: r.label, amount: toDollars(r.amountCents), color: seriesColor(i) }));
  return (
    <Stack gap="xl">
      <ChartSection
        title="Write-offs by month"
        description="Each bar is a month; its parts are the rules the write-offs were made under."
        chartLabel="Stacked bar chart of the amount written off each month, by rule."
        empty={report.months.length === 0}
        chart={
          <BarChart h={300} data={byMonth} dataKey="month" type="stacked" series={series} withLegend legendProps={{ verticalAlign: 'bottom' }} valueFormatter={formatDollars} barChartProps={{ accessibilityLayer: false }} />
        }
        table={
          <FigureTable
            caption="Write-offs by month and rule"
            columns={[
              { key: 'month', label: 'Month' },
              { key: 'rule', label: 'Rule' },
              { key: 'count', label: 'Write-offs', numeric: true },
              { key: 'amount', label: 'Amount', numeric: true },
            ]}
            rows={report.rows.map((row) => ({
              key: `${row.month}-${row.rule}`,
              month: monthLabel(String(row.month)),
              rule: labelOf.get(String(row.rule)) ?? String(row.rule),
              count: formatCount(Number(row.count)),
              amount: formatCents(Number(row.amount_cents)),
            }))}
          />
        }
      />
      <ChartSection
        title="Write-offs by rule"
        description="The whole period, largest first."
        chartLabel="Bar chart of the amount written off under each rule."
        empty={report.rules.length === 0}
        chart={
          <BarChart
            h={Math.max(120, 48 * byRule.length)}
            data={byRule}
            dataKey="rule"
            orientation="vertical"
            series={[{ name: 'amount', label: 'Amount written off', color: 'indigo.6' }]}
            valueFormatter={formatDollars}
            yAxisProps={{ width: narrow ? 120 : 190 }}
            barChartProps={{ accessibilityLayer: false }}
          />
        }
        table={
          <FigureTable
            caption="Write-offs by rule"
            columns={[
              { key: 'rule', label: 'Rule' },
              { key: 'count', label: 'Write-offs', numeric: true },
              { key: 'amount', label: 'Amount', numeric: true },
            ]}
            rows={report.rules.map((r) => ({ key: r.rule, rule: r.label, count: formatCount(r.count), amount: formatCents(r.amountCents) }))}
          />
        }
      />
    </Stack>
  );
}
