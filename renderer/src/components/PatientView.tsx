import { SimpleGrid, Stack } from '@mantine/core';
import { useId } from 'react';
import type { PatientBalance } from '../../../shared/contract';
import { AppointmentToday } from './AppointmentToday';
import { BalanceSummary } from './BalanceSummary';
import { CoverageList } from './CoverageList';
import { OpenItemsTable } from './OpenItemsTable';
import { PatientHeader } from './PatientHeader';

/** One patient's check-in picture: who, what is owed, today's visit, coverage, and the open items. */
export function PatientView({ balance }: { balance: PatientBalance }) {
  const headingId = useId();
  return (
    <Stack component="section" aria-labelledby={headingId} gap="md">
      <PatientHeader patient={balance.patient} headingId={headingId} lastSyncedAt={balance.lastSyncedAt} />
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="md">
        <BalanceSummary totalDueCents={balance.totalDueCents} dueTodayCents={balance.dueTodayCents} />
        <AppointmentToday appointment={balance.appointmentToday} />
        <CoverageList coverages={balance.coverages} />
      </SimpleGrid>
      <OpenItemsTable items={balance.items} />
    </Stack>
  );
}
