import { Alert, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import type { AuditVerification } from '../../../../shared/api/audit';
import { api } from '../../api/client';
import { formatInstant } from '../../format/dates';
import { errorMessage } from '../../store/errors';

/** "Verify the audit trail": walks the hash chain and the ledger's invariants in the core, then says what it found. */
export function VerifyAudit() {
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function verify() {
    setChecking(true);
    setError(null);
    try {
      setResult(await api('verifyAudit', {}));
    } catch (failure) {
      setResult(null);
      setError(errorMessage(failure));
    } finally {
      setChecking(false);
    }
  }

  return (
    <Stack gap="sm" align="flex-start">
      <Button variant="default" onClick={() => void verify()} loading={checking}>
        Verify the audit trail
      </Button>
      <div role="status" aria-live="polite" style={{ alignSelf: 'stretch' }}>
        {result?.ok && (
          <Alert color="teal" variant="light" title="The audit trail is intact">
            All {result.auditRecords.toLocaleString('en-US')} records follow one another unchanged, and the ledger&apos;s {result.ledgerEntries.toLocaleString('en-US')} entries are consistent
            (checked {formatInstant(new Date(result.checkedAt))}).
          </Alert>
        )}
        {result && !result.ok && (
          <Alert color="red" variant="light" title="The audit trail is broken">
            {result.problem} Records may have been changed outside the app: keep a copy of the database file and tell whoever looks after this computer.
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" title="Could not check the audit trail">
            {error}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
