import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import type { PatientSummary } from '../../../shared/contract';
import { formatUsDate } from '../format/dates';
import { formatPhone } from '../format/labels';
import { appStore } from '../store';
import { Fact, Facts } from './Facts';

/** Who is open: name, date of birth, MRN (and phone). How fresh the data is shows in the app header. */
export function PatientHeader({ patient, headingId }: { patient: PatientSummary; headingId: string }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap="xs" miw={0}>
          <Title order={2} id={headingId} fz={{ base: 'h3', sm: 'h2' }}>
            {patient.name}
          </Title>
          <Facts>
            <Fact label="Date of birth">
              {patient.dob ? <time dateTime={patient.dob}>{formatUsDate(patient.dob)}</time> : 'Unknown'}
            </Fact>
            <Fact label="MRN">{patient.mrn}</Fact>
            {patient.phone && <Fact label="Phone">{formatPhone(patient.phone)}</Fact>}
          </Facts>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button size="compact-sm" variant="light" onClick={() => void appStore.getState().reloadPatient()}>
            Refresh
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
