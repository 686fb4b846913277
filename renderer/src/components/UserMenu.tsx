import { Box, Button, Group, Kbd, Text } from '@mantine/core';
import { ROLE_LABELS } from '../../../shared/api/access';
import { LOCK_SHORTCUT } from '../hooks/use-idle-lock';
import { appStore, useAppStore } from '../store';

/** Who is signed in, with Lock (Alt+L) and Sign out. */
export function UserMenu() {
  const user = useAppStore((s) => s.user);
  if (!user) return null;
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm">
        {user.displayName} <Text span size="xs" c="dimmed">({ROLE_LABELS[user.role]})</Text>
      </Text>
      <Button size="compact-sm" variant="default" aria-keyshortcuts={LOCK_SHORTCUT.aria} onClick={() => void appStore.getState().signOut('lock')}>
        Lock
        <Box component="span" visibleFrom="sm" ml={6}>
          <Kbd size="xs">Alt</Kbd>+<Kbd size="xs">L</Kbd>
        </Box>
      </Button>
      <Button size="compact-sm" variant="subtle" onClick={() => void appStore.getState().signOut('sign_out')}>
        Sign out
      </Button>
    </Group>
  );
}
