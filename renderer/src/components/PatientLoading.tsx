import { Paper, Skeleton, Stack } from '@mantine/core';

/** A quiet placeholder while a patient's balance loads. */
export function PatientLoading() {
  return (
    <Paper withBorder p="md" aria-busy="true" aria-label="Loading patient">
      <Stack gap="sm">
        <Skeleton height={28} width="40%" />
        <Skeleton height={16} width="60%" />
        <Skeleton height={96} />
        <Skeleton height={160} />
      </Stack>
    </Paper>
  );
}
