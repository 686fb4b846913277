import { useState } from 'react';
import type { PatientBalance } from '../../../../shared/contract';
import { formatCents } from '../../../../shared/money';
import { appStore } from '../../store';
import { PaymentForm } from './PaymentForm';
import type { RecordedPayment } from './PaymentForm';
import { PaymentResult } from './PaymentResult';

/** Record payment: the form, then what the core did with the money. */
export function PaymentDialogBody({ balance }: { balance: PatientBalance }) {
  const [recorded, setRecorded] = useState<RecordedPayment | null>(null);
  const close = () => appStore.getState().closeDialog();

  if (recorded) {
    return <PaymentResult payment={recorded} balance={balance} onDone={close} onReceipt={() => appStore.getState().openDialog('receipt')} />;
  }
  return (
    <PaymentForm
      balance={balance}
      onCancel={close}
      onRecorded={(payment) => {
        setRecorded(payment);
        appStore.getState().setDeskNotice(`Payment of ${formatCents(payment.outcome.amountCents)} (${payment.outcome.method}) recorded.`);
      }}
    />
  );
}
