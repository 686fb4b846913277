import { Paper, Stack } from '@mantine/core';
import type { PatientBalance } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
// Facts first, so this file's styles come after its defaults in the bundle.
import { Fact, Facts } from './Facts';
import classes from './BalanceSummary.module.css';
import { DueTodayBreakdown } from './DueTodayBreakdown';
import { OtherAmounts } from './OtherAmounts';

/**
 * The numbers the desk needs first, large: what to collect today (with today's
 * copay broken out) and everything the patient owes that the practice may
 * collect; then, when there are any, amounts not billable, refunds and credits.
 */
export function BalanceSummary({ balance, today }: { balance: PatientBalance; today: string | null }) {
  const settled = (cents: number) => (cents === 0 ? classes.settled : '');
  return (
    <Paper withBorder p="md" component="section" aria-label="Balance">
      <Stack gap="sm">
        <Stack gap={6}>
          <Facts>
            <Fact label="Due today" valueClassName={`${classes.dueToday} ${settled(balance.dueTodayCents)}`}>
              {formatCents(balance.dueTodayCents)}
            </Fact>
          </Facts>
          <DueTodayBreakdown balance={balance} today={today} />
        </Stack>
        <Facts>
          <Fact label="Total owed" valueClassName={`${classes.total} ${settled(balance.totalDueCents)}`}>
            {formatCents(balance.totalDueCents)}
          </Fact>
        </Facts>
      </Stack>
      <OtherAmounts balance={balance} />
    </Paper>
  );
}
