import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import type { PatientBalance } from '../../../shared/contract';
import { HardshipStatus } from '../hardship/HardshipStatus';
import { useAppStore } from '../store';
import { AppointmentToday } from './AppointmentToday';
import { BalanceSummary } from './BalanceSummary';
import { CoverageList } from './CoverageList';
import { DeskActions } from './DeskActions';
import { DeskNotice } from './DeskNotice';
import { DeskDialogs } from './dialogs/DeskDialogs';
import { OpenItemsTable } from './OpenItemsTable';
import { PatientHeader } from './PatientHeader';

/** One patient's check-in picture: who, what is owed, today's visit, coverage, what the desk can do, and the items. */
export function PatientView({ balance }: { balance: PatientBalance }) {
  const headingId = useId();
  const today = useAppStore((s) => s.appInfo?.today ?? null);
  return (
    <Stack component="section" aria-labelledby={headingId} gap="md">
      <PatientHeader patient={balance.patient} headingId={headingId} />
      <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="md">
        <BalanceSummary balance={balance} today={today} />
        <AppointmentToday appointment={balance.appointmentToday} />
        <CoverageList coverages={balance.coverages} />
      </SimpleGrid>
      <HardshipStatus balance={balance} />
      <DeskActions balance={balance} />
      <DeskNotice />
      <OpenItemsTable items={balance.items} />
      <Text size="xs" c="dimmed">
        Verdicts follow financial policy version {balance.policyVersion}.
      </Text>
      <DeskDialogs balance={balance} />
    </Stack>
  );
}
