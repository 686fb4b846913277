import { Alert } from '@mantine/core';
import { appStore, useAppStore } from '../store';

/** What the last action did, until the desk dismisses it or opens another patient. */
export function DeskNotice() {
  const notice = useAppStore((s) => s.deskNotice);
  return (
    <div role="status" aria-live="polite">
      {notice && (
        <Alert color="teal" variant="light" withCloseButton closeButtonLabel="Dismiss" onClose={() => appStore.getState().setDeskNotice(null)}>
          {notice}
        </Alert>
      )}
    </div>
  );
}
