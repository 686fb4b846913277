import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';
import classes from './reports.module.css';

/**
 * One chart with its heading, a sentence saying what it shows, and the same figures as a table.
 * The chart is one image for assistive technology (its name says where the figures are); the table
 * after it (or, for a second chart of the same figures, before it) carries the figures themselves.
 */
export function ChartSection({ title, description, chartLabel, chart, table, empty }: { title: string; description?: ReactNode; chartLabel: string; chart: ReactNode; table: ReactNode; empty?: boolean }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={headingId}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
        {empty ? (
          <Text size="sm">Nothing to chart in this period.</Text>
        ) : (
          <div role="img" aria-label={`${chartLabel} The figures are in the table ${table ? 'below' : 'above'}.`} className={classes.chart}>
            {chart}
          </div>
        )}
        {table}
      </Stack>
    </section>
  );
}
