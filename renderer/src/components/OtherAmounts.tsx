import { Divider } from '@mantine/core';
import type { PatientBalance } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import { Fact, Facts } from './Facts';
import classes from './OtherAmounts.module.css';

/** Money that is not Total owed but must never be hidden: not billable, refunds due, credit on account. */
export function OtherAmounts({ balance }: { balance: Pick<PatientBalance, 'notCollectibleCents' | 'refundsDueCents' | 'unappliedCreditCents'> }) {
  const facts = [
    { label: 'Not billable to the patient', cents: balance.notCollectibleCents, className: classes.notBillable },
    { label: 'Refunds due', cents: balance.refundsDueCents, className: classes.refund },
    { label: 'Credit on account', cents: balance.unappliedCreditCents, className: classes.credit },
  ].filter((fact) => fact.cents !== 0);
  if (facts.length === 0) return null;
  return (
    <>
      <Divider my="sm" />
      <Facts>
        {facts.map((fact) => (
          <Fact key={fact.label} label={fact.label} valueClassName={`${classes.value} ${fact.className}`}>
            {formatCents(fact.cents)}
          </Fact>
        ))}
      </Facts>
    </>
  );
}
