import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { PolicyVersionView } from './PolicyVersionView';

/** Version N of the financial policy in a read-only window. */
export function PolicyVersionModal({ version, onClose }: { version: number | null; onClose: () => void }) {
  return (
    <Modal opened={version !== null} onClose={onClose} title={`Financial policy, version ${version ?? ''}`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      {version !== null && <PolicyVersionView version={version} />}
    </Modal>
  );
}

/**
 * "Policy version N" as a button that opens that version read-only: for any page that shows a
 * decision (the audit trail, approvals), since every decision records the version it was made under.
 * Front-desk staff may open only the version in force.
 */
export function PolicyVersionButton({ version }: { version: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="compact-xs" variant="default" onClick={() => setOpen(true)}>
        Policy version {version}
      </Button>
      <PolicyVersionModal version={open ? version : null} onClose={() => setOpen(false)} />
    </>
  );
}
