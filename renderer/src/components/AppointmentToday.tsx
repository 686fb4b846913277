import { Paper, Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { AppointmentView } from '../../../shared/contract';
import { formatCents } from '../../../shared/money';
import { formatLocalTime } from '../format/dates';

/** Today's visit (time, provider, visit type) and the copay expected for it. */
export function AppointmentToday({ appointment }: { appointment: AppointmentView | null }) {
  const headingId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={3} id={headingId} c="dimmed" tt="uppercase" fw={600} fz="xs" lts="0.03em">
        Today&apos;s appointment
      </Title>
      {appointment ? (
        <Stack gap={2} mt={6}>
          <Text fz="xl" fw={650} className="numeric">
            <time dateTime={appointment.startsAt}>{formatLocalTime(appointment.startsAt)}</time>
          </Text>
          <Text>{appointment.provider}</Text>
          <Text c="dimmed">{appointment.visitType}</Text>
          <Text mt={6}>
            Expected copay{' '}
            <Text span fw={650} className="numeric">
              {formatCents(appointment.expectedCopayCents)}
            </Text>
          </Text>
        </Stack>
      ) : (
        <Text mt={6} c="dimmed">
          No appointment today
        </Text>
      )}
    </Paper>
  );
}
