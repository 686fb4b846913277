import { Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { PatientBalance } from '../../../shared/contract';
import { useApiQuery } from '../hooks/use-api-query';
import type { HardshipTone } from './hardship-words';
import { hardshipLines } from './hardship-words';
import { useHardshipRevision } from './hardship-revision';
import { TitledAlert } from './TitledAlert';

const COLORS: Record<HardshipTone, string> = { active: 'teal', pending: 'yellow', expired: 'gray' };

/**
 * The patient's financial hardship record, when there is one: the approval in force and when it
 * expires (or that it expired and a new application is needed), and any application waiting.
 * Read again when the balance is (Refresh, after an action) and after the desk submits one.
 */
export function HardshipStatus({ balance }: { balance: PatientBalance }) {
  const query = useApiQuery('getPatientHardship', { patientId: balance.patient.id });
  const revision = useHardshipRevision();
  const seen = useRef({ balance, revision });
  const { reload } = query;

  useEffect(() => {
    if (seen.current.balance === balance && seen.current.revision === revision) return;
    seen.current = { balance, revision };
    reload();
    // reload is a new function each render; what matters is a newer balance or revision.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [balance, revision]);

  const hardship = query.data?.patientId === balance.patient.id ? query.data : null;
  const lines = hardship ? hardshipLines(hardship) : [];
  if (lines.length === 0) return null;
  return (
    <Stack component="section" aria-label="Financial hardship" gap="xs">
      {lines.map((line) => (
        <TitledAlert key={line.tone} color={COLORS[line.tone]} title={line.title}>
          <Text size="sm">{line.detail}</Text>
        </TitledAlert>
      ))}
    </Stack>
  );
}
