import { Text } from '@mantine/core';
import type { PatientBalance } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import { reasonView } from '../desk/verdict-view';
import classes from './DueTodayBreakdown.module.css';

/** What makes up Due today: today's copay (with why), earlier balances, and what was carried forward today instead. */
export function DueTodayBreakdown({ balance, today }: { balance: PatientBalance; today: string | null }) {
  const copay = balance.todaysCopay;
  const copayDue = copay?.dueCents ?? 0;
  const earlier = balance.dueTodayCents - copayDue;
  const carriedToday = balance.items
    .filter((item) => item.verdict.collectible && item.carriedForward !== null && item.carriedForward.since === today)
    .reduce((sum, item) => sum + item.openCents, 0);
  const reason = copay ? reasonView(copay.reason) : null;
  if (!copay && earlier <= 0 && carriedToday <= 0) return null;

  return (
    <ul className={classes.list} aria-label="Breakdown">
      {copay && reason && (
        <li>
          <Text size="sm" fw={600}>
            Today&apos;s copay <span className="numeric">{copayText(copay)}</span>
          </Text>
          <Text size="xs" c="dimmed" lh={1.35}>
            {reason.text} · {reason.clause}
          </Text>
        </li>
      )}
      {earlier > 0 && (
        <li>
          <Text size="sm">
            Earlier balances <span className="numeric">{formatCents(earlier)}</span>
          </Text>
        </li>
      )}
      {carriedToday > 0 && (
        <li>
          <Text size="sm">
            Carried forward today <span className="numeric">{formatCents(carriedToday)}</span> (not due today, still owed)
          </Text>
        </li>
      )}
    </ul>
  );
}

function copayText(copay: NonNullable<PatientBalance['todaysCopay']>): string {
  if (copay.collectedCents === 0) return formatCents(copay.dueCents);
  if (copay.dueCents === 0) return `${formatCents(copay.expectedCents)}, paid`;
  return `${formatCents(copay.dueCents)} still due (${formatCents(copay.collectedCents)} of ${formatCents(copay.expectedCents)} paid)`;
}
