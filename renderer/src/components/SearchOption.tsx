import { Group, Text } from '@mantine/core';
import type { PatientSummary } from '../../../shared/contract';
import { formatUsDate } from '../format/dates';
import classes from './SearchOption.module.css';

/** One search result: who (name) and how to tell them apart (date of birth, MRN). */
export function SearchOption({ patient }: { patient: PatientSummary }) {
  return (
    <Group justify="space-between" gap={4} wrap="wrap">
      <Text fw={600}>{patient.name}</Text>{' '}
      <Text size="sm" className={classes.meta}>
        DOB {patient.dob ? formatUsDate(patient.dob) : 'unknown'} · MRN {patient.mrn}
      </Text>
    </Group>
  );
}
