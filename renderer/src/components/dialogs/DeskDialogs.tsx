import { Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PatientBalance } from '../../../../shared/contract';
import { selectedItem } from '../../desk/actions';
import { HardshipDialogBody } from '../../hardship/HardshipApplicationDialog';
import type { DeskDialogKind } from '../../store/desk-slice';
import { appStore, useAppStore } from '../../store';
import { CarryForwardDialogBody } from './CarryForwardDialog';
import { PaymentDialogBody } from './PaymentDialog';
import { ReceiptDialogBody } from './ReceiptDialog';
import { RefundDialogBody } from './RefundDialog';
import { WriteOffRequestDialogBody } from './WriteOffRequestDialog';

const TITLES: Record<DeskDialogKind, string> = {
  payment: 'Record payment',
  carryForward: 'Carry forward',
  writeOff: 'Request a write-off',
  refund: 'Refund',
  receipt: 'Receipt',
  hardship: 'Hardship application',
};

/** The one open desk dialog. Each opening mounts a fresh body (and so a fresh idempotency key). */
export function DeskDialogs({ balance }: { balance: PatientBalance }) {
  const dialog = useAppStore((s) => s.dialog);
  const item = dialog ? selectedItem(balance, dialog.itemId) : null;

  let body: ReactNode = null;
  if (dialog) {
    switch (dialog.kind) {
      case 'payment':
        body = <PaymentDialogBody balance={balance} />;
        break;
      case 'receipt':
        body = <ReceiptDialogBody />;
        break;
      case 'carryForward':
        body = item && <CarryForwardDialogBody balance={balance} item={item} />;
        break;
      case 'writeOff':
        body = item && <WriteOffRequestDialogBody item={item} />;
        break;
      case 'refund':
        body = item && <RefundDialogBody item={item} />;
        break;
      case 'hardship':
        body = <HardshipDialogBody balance={balance} />;
        break;
    }
  }

  return (
    <Modal
      opened={dialog !== null && body !== null}
      onClose={() => appStore.getState().closeDialog()}
      title={dialog ? TITLES[dialog.kind] : ''}
      size={dialog?.kind === 'receipt' ? 'lg' : 'md'}
      // Closing is instant: the body is gone as soon as the dialog closes, so an exit animation would show an empty box.
      transitionProps={{ duration: 120, exitDuration: 0 }}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {dialog && <div key={dialog.opening}>{body}</div>}
    </Modal>
  );
}
