import { Paper } from '@mantine/core';
import type { Cents } from '../../../shared/money';
import { formatCents } from '../../../shared/money';
// Facts first, so this file's styles come after its defaults in the bundle.
import { Fact, Facts } from './Facts';
import classes from './BalanceSummary.module.css';

/** The two numbers the desk needs first, large: everything still owed, and what to collect today. */
export function BalanceSummary({ totalDueCents, dueTodayCents }: { totalDueCents: Cents; dueTodayCents: Cents }) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Balance">
      <Facts className={classes.facts}>
        <Fact label="Total owed" valueClassName={`${classes.total} ${totalDueCents === 0 ? classes.settled : ''}`}>
          {formatCents(totalDueCents)}
        </Fact>
        <Fact label="Due today" valueClassName={classes.dueToday}>
          {formatCents(dueTodayCents)}
        </Fact>
      </Facts>
    </Paper>
  );
}
