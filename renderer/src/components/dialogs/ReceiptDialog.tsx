import { Alert, Button, Group, Skeleton, Stack } from '@mantine/core';
import { createPortal } from 'react-dom';
import { appStore, useAppStore } from '../../store';
import { ReceiptView } from '../ReceiptView';
import classes from './ReceiptDialog.module.css';

/**
 * Today's receipt on screen, with Print (the print dialog also offers "Save as
 * PDF"). What prints is a copy placed straight under <body>, so the page's
 * print styles can hide everything else and nothing is cut by the dialog.
 */
export function ReceiptDialogBody() {
  const receipt = useAppStore((s) => s.receipt);
  const status = useAppStore((s) => s.receiptStatus);
  const error = useAppStore((s) => s.receiptError);
  const close = () => appStore.getState().closeDialog();

  return (
    <Stack gap="md">
      {status === 'loading' && (
        <Stack gap="xs" aria-busy="true" aria-label="Loading the receipt">
          <Skeleton height={20} width="50%" />
          <Skeleton height={80} />
        </Stack>
      )}
      {status === 'error' && (
        <Alert role="alert" color="red" variant="light" title="Could not make the receipt">
          {error}
        </Alert>
      )}
      {status === 'ready' && receipt && (
        <>
          <ReceiptView receipt={receipt} />
          {createPortal(
            <div className="print-only">
              <ReceiptView receipt={receipt} headingLevel={2} />
            </div>,
            document.body,
          )}
        </>
      )}
      <Group justify="flex-end" gap="xs" className={classes.footer}>
        <Button variant="default" onClick={close}>
          Close
        </Button>
        {status === 'error' ? (
          <Button onClick={() => void appStore.getState().loadReceipt()}>Try again</Button>
        ) : (
          <Button data-autofocus disabled={status !== 'ready'} onClick={() => window.print()}>
            Print
          </Button>
        )}
      </Group>
    </Stack>
  );
}
