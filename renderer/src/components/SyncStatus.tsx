import { Text } from '@mantine/core';
import { formatAgo, formatInstant } from '../format/dates';
import { useNow } from '../hooks/use-now';

/** After this long, balances may no longer match the main system; the desk is told so. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** When the data last came from the main system: "Synced 12 min ago", exact time on hover. */
export function SyncStatus({ lastSyncedAt }: { lastSyncedAt: string | null }) {
  const now = useNow();
  if (!lastSyncedAt) {
    return (
      <Text size="sm" c="orange.8" fw={500}>
        Never synced
      </Text>
    );
  }
  const at = new Date(lastSyncedAt);
  if (Number.isNaN(at.getTime())) {
    return (
      <Text size="sm" c="dimmed">
        Synced {lastSyncedAt}
      </Text>
    );
  }
  const exact = formatInstant(at);
  const stale = now.getTime() - at.getTime() > STALE_AFTER_MS;
  return (
    <Text size="sm" c={stale ? 'orange.8' : 'dimmed'} fw={stale ? 500 : undefined}>
      Synced{' '}
      <time dateTime={lastSyncedAt} title={`Last synced ${exact}`}>
        {formatAgo(at, now)}
      </time>
      {stale && ' — balances may be out of date'}
    </Text>
  );
}
