import { Anchor, Button, Group, Loader, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { SyncStatusView } from '../../../shared/sync';
import { formatAgo, formatInstant } from '../format/dates';
import type { SyncTone } from '../format/sync';
import { syncLine } from '../format/sync';
import { useNow } from '../hooks/use-now';
import { useSyncStatus } from '../hooks/use-sync-status';
import { appStore, useAppStore } from '../store';
import classes from './SyncStatus.module.css';

/** After this long, balances may no longer match the main system; the desk is told so. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

const NOT_CONFIGURED_REASON = 'No main system is set up on this computer, so there is nothing to sync with. Ask IT to set its FHIR address.';

const TONE_COLORS: Record<SyncTone, MantineColor> = {
  ok: 'teal.7',
  busy: 'indigo.6',
  warn: 'orange.7',
  error: 'red.7',
  muted: 'gray.6',
};

/**
 * Sync with the main system at a glance, in the app header: how it stands
 * ("Synced 2 min ago", "Sync failed: …"), **Sync now** and the **Sync log**.
 */
export function SyncStatus() {
  useSyncStatus();
  const status = useAppStore((s) => s.syncStatus);
  const notConfigured = status?.state === 'not_configured';
  const isManager = useAppStore((s) => s.user?.role === 'manager');
  return (
    <Group gap="xs" wrap="wrap" className={classes.bar}>
      <SyncStatusLine />
      <Group gap="xs" wrap="nowrap">
        <SyncNowButton notConfigured={notConfigured} />
        {isManager && (
          <Button size="compact-sm" variant="subtle" onClick={() => appStore.getState().openSyncLog()}>
            Sync log
          </Button>
        )}
      </Group>
    </Group>
  );
}

/** The live region: what a screen reader announces when sync changes (not every minute the time ticks). */
function SyncStatusLine() {
  const status = useAppStore((s) => s.syncStatus);
  const statusError = useAppStore((s) => s.syncStatusError);
  const nowError = useAppStore((s) => s.syncNowError);
  const isManager = useAppStore((s) => s.user?.role === 'manager');
  const now = useNow();

  let body: ReactNode;
  let tone: SyncTone = 'muted';
  let tooltip: string | null = null;
  if (!status) {
    body = statusError ? `Sync status unknown: ${statusError}` : 'Checking sync…';
  } else {
    const line = syncLine(status);
    const stale = status.state === 'ok' && isStale(status.lastSyncedAt, now);
    tone = stale ? 'warn' : line.tone;
    tooltip = tooltipText(status, statusError);
    body = (
      <>
        {line.headline}
        {line.since === 'headline' && status.lastSyncedAt && (
          <>
            {' '}
            <When iso={status.lastSyncedAt} now={now} />
          </>
        )}
        {stale && ' — balances may be out of date'}
        {line.since === 'detail' && status.lastSyncedAt && (
          <Detail>
            {line.sinceLabel} <When iso={status.lastSyncedAt} now={now} />
          </Detail>
        )}
        {line.details.map((detail) => (
          <Detail key={detail}>{detail}</Detail>
        ))}
        {line.refused && (
          <Detail>
            {isManager ? (
              <Anchor component="button" type="button" inherit c="orange.9" fw={600} underline="always" onClick={() => appStore.getState().openSyncLog()}>
                {line.refused}
              </Anchor>
            ) : (
              <Text span inherit c="orange.9" fw={600}>
                {line.refused} (your manager sees them in the Sync log)
              </Text>
            )}
          </Detail>
        )}
        {nowError && (
          <Detail wrap>
            <Text span inherit c="red.8">
              {nowError}
            </Text>
          </Detail>
        )}
      </>
    );
  }

  const color = TONE_COLORS[tone];
  const text = (
    <Text size="sm" c={tone === 'error' ? 'red.8' : tone === 'warn' ? 'orange.9' : 'gray.7'} fw={tone === 'ok' || tone === 'muted' ? 400 : 500} className={classes.text}>
      {body}
    </Text>
  );
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" className={classes.status}>
      {tone === 'busy' ? <Loader size={10} color={color} className={classes.loader} aria-hidden /> : <span className={classes.dot} style={{ background: `var(--mantine-color-${color.replace('.', '-')})` }} aria-hidden />}
      <div role="status" aria-live="polite" aria-atomic="true" className={classes.live}>
        {tooltip ? (
          <Tooltip label={tooltip} multiline maw={360} withArrow position="bottom-start" openDelay={300} events={{ hover: true, focus: false, touch: true }} styles={{ tooltip: { overflowWrap: 'anywhere' } }}>
            {text}
          </Tooltip>
        ) : (
          text
        )}
      </div>
    </Group>
  );
}

/** One more fact after the headline: " · 1 change waiting" (the line may break before it, not inside it, unless `wrap`). */
function Detail({ children, wrap = false }: { children: ReactNode; wrap?: boolean }) {
  return (
    <>
      <span aria-hidden> · </span>
      <VisuallyHidden>, </VisuallyHidden>
      <span className={wrap ? undefined : classes.detail}>{children}</span>
    </>
  );
}

/**
 * "2 min ago" on screen, with the exact time for a screen reader, so the
 * live region does not speak up every minute the relative time changes.
 */
function When({ iso, now }: { iso: string; now: Date }) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return <>{iso}</>;
  return (
    <>
      <time dateTime={iso} aria-hidden>
        {formatAgo(at, now)}
      </time>
      <VisuallyHidden> at {formatInstant(at)}</VisuallyHidden>
    </>
  );
}

function isStale(lastSyncedAt: string | null, now: Date): boolean {
  if (!lastSyncedAt) return false;
  const at = new Date(lastSyncedAt).getTime();
  return Number.isFinite(at) && now.getTime() - at > STALE_AFTER_MS;
}

function instant(iso: string | null): string | null {
  if (!iso) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatInstant(at);
}

/** On hover: the exact times and the full error, for whoever has to explain it to IT. */
function tooltipText(status: SyncStatusView, statusError: string | null): string {
  const parts = [
    instant(status.lastSyncedAt) ? `Last synced ${instant(status.lastSyncedAt)}.` : 'Never synced with the main system.',
    status.state !== 'syncing' && instant(status.nextRunAt)
      ? `${status.state === 'failed' || status.state === 'offline' ? 'Next try' : 'Next sync'} ${instant(status.nextRunAt)}.`
      : null,
    status.lastError && (status.state === 'failed' || status.state === 'offline') ? status.lastError : null,
    statusError ? `Could not check just now: ${statusError}` : null,
  ];
  return parts.filter(Boolean).join(' ');
}

function SyncNowButton({ notConfigured }: { notConfigured: boolean }) {
  const reasonId = useId();
  const requesting = useAppStore((s) => s.syncRequesting);
  const syncing = useAppStore((s) => s.syncStatus?.state === 'syncing');
  // Kept focusable while inactive (aria-disabled, not disabled): the reason can be read, and focus is not lost mid-sync.
  const inactive = notConfigured || syncing || requesting;
  const button = (
    <Button
      size="compact-sm"
      variant="default"
      data-disabled={inactive || undefined}
      aria-disabled={inactive || undefined}
      aria-describedby={notConfigured ? reasonId : undefined}
      onClick={(event) => {
        if (inactive) {
          event.preventDefault();
          return;
        }
        void appStore.getState().syncNow();
      }}
    >
      Sync now
    </Button>
  );
  if (!notConfigured) return button;
  return (
    <>
      <Tooltip label={NOT_CONFIGURED_REASON} multiline maw={300} withArrow position="bottom">
        {button}
      </Tooltip>
      <VisuallyHidden id={reasonId}>{NOT_CONFIGURED_REASON}</VisuallyHidden>
    </>
  );
}
