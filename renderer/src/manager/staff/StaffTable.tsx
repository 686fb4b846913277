import { Table, Text } from '@mantine/core';
import { ROLE_LABELS } from '../../../../shared/api/access';
import type { UserView } from '../../../../shared/api/auth';
import { formatInstant } from '../../format/dates';

export function StaffTable({ users, loading }: { users: UserView[]; loading: boolean }) {
  if (!loading && users.length === 0) return <Text c="dimmed">No accounts yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table aria-label="Staff accounts" aria-busy={loading} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>User name</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>{user.displayName}</Table.Td>
              <Table.Td>{user.username}</Table.Td>
              <Table.Td>
                {ROLE_LABELS[user.role]}
              </Table.Td>
              <Table.Td>{user.lastSignInAt ? formatInstant(new Date(user.lastSignInAt)) : 'Never'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
