import { Kbd, Paper, Stack, Text, Title } from '@mantine/core';

/** What the desk sees before opening a patient. */
export function StartHint() {
  return (
    <Paper withBorder p="xl" bg="white">
      <Stack gap="xs" align="center" ta="center">
        <Title order={2} size="h3" fw={600}>
          Who is checking in?
        </Title>
        <Text c="dimmed" maw={520}>
          Search by last name, first name, MRN, date of birth (MM/DD/YYYY) or phone number. Use the arrow keys to pick
          a patient and Enter to open them.
        </Text>
        <Text c="dimmed" size="sm">
          Press <Kbd>/</Kbd> or <Kbd>Ctrl</Kbd> + <Kbd>K</Kbd> to jump back to the search box.
        </Text>
      </Stack>
    </Paper>
  );
}
