import { Box, Container, Group, Kbd, Text, Title } from '@mantine/core';
import { formatDayHeading } from '../format/dates';
import { useAppStore } from '../store';
import classes from './AppHeader.module.css';
import { SyncLogDrawer } from './SyncLog';
import { SyncStatus } from './SyncStatus';
import { UserMenu } from './UserMenu';

/**
 * The bar across the top: whose desk this is, how sync with the main system
 * stands, what day the app treats as today, and the search shortcut.
 */
export function AppHeader() {
  const practiceName = useAppStore((s) => s.appInfo?.practiceName);
  const today = useAppStore((s) => s.appInfo?.today);
  const signedIn = useAppStore((s) => s.sessionStatus === 'signed_in');

  return (
    <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <Container size="lg" px={{ base: 'sm', sm: 'md' }} py="sm">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Title order={1} fz={{ base: 'lg', sm: 'xl' }}>
            {practiceName ?? 'Front Desk Balances'}
          </Title>
          <Group gap="md" wrap="nowrap">
            {today && (
              <Text size="sm" c="dimmed">
                Today: <time dateTime={today}>{formatDayHeading(today)}</time>
              </Text>
            )}
            {signedIn && (
              <Text size="sm" c="dimmed" visibleFrom="sm" aria-hidden>
                Search: <Kbd size="xs">/</Kbd> or <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">K</Kbd>
              </Text>
            )}
          </Group>
        </Group>
        {signedIn && (
          <Group className={classes.sync} justify="space-between" gap="xs" wrap="wrap">
            <SyncStatus />
            <UserMenu />
          </Group>
        )}
      </Container>
      {signedIn && <SyncLogDrawer />}
    </Box>
  );
}
