import { BarChart } from '@mantine/charts';
import type { CarriedForwardReport } from '../../../../shared/api/reports';
import { formatCents } from '../../../../shared/money';
import { formatUsDate } from '../../format/dates';
import { ChartSection } from './ChartSection';
import { FigureTable } from './FigureTable';
import { formatCount, formatDollars, toDollars } from './format';

/** Balances carried forward and still open, by how long ago they were billed. */
export function CarriedForwardView({ report }: { report: CarriedForwardReport }) {
  const data = report.bands.map((b) => ({ band: b.band, open: toDollars(b.openCents) }));
  return (
    <ChartSection
      title={`Carried-forward balances by age, as of ${formatUsDate(report.asOf)}`}
      description="Old carried balances should reach a statement (the policy's terminal rule), not linger."
      chartLabel="Bar chart of the open amount carried forward in each age band."
      empty={report.bands.every((b) => b.items === 0)}
      chart={<BarChart h={260} data={data} dataKey="band" series={[{ name: 'open', label: 'Open balance', color: 'teal.7' }]} valueFormatter={formatDollars} barChartProps={{ accessibilityLayer: false }} />}
      table={
        <FigureTable
          caption="Carried-forward balances by age"
          columns={[
            { key: 'band', label: 'Billed' },
            { key: 'items', label: 'Items', numeric: true },
            { key: 'open', label: 'Open balance', numeric: true },
          ]}
          rows={report.bands.map((b) => ({ key: b.band, band: `${b.band} ago`, items: formatCount(b.items), open: formatCents(b.openCents) }))}
        />
      }
    />
  );
}
