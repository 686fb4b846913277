import { Alert, Stack, Title } from '@mantine/core';
import { useApiQuery } from '../../hooks/use-api-query';
import { AddStaffForm } from './AddStaffForm';
import { IdleLockSetting } from './IdleLockSetting';
import { StaffTable } from './StaffTable';

/** The practice's accounts: who may sign in, with which role; and how soon an unattended screen locks. */
export function StaffPage() {
  const users = useApiQuery('listUsers', {});
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={2} size="h3">
          Staff accounts
        </Title>
        {users.error && (
          <Alert role="alert" color="red" variant="light">
            {users.error}
          </Alert>
        )}
        <StaffTable users={users.data ?? []} loading={users.loading} />
      </Stack>
      <AddStaffForm onAdded={users.reload} />
      <IdleLockSetting />
    </Stack>
  );
}
