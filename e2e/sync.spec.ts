/**
 * Sync with the main system as the desk and the office manager see it: the
 * header's status, Sync now, a failing main system and its recovery, the sync
 * log. The host syncs with its own reference main system (fixture option
 * `mainSystem`), whose faults the tests arm over HTTP.
 */
import type { Locator, Page } from '@playwright/test';
import { invoke, newKey } from './desk-api';
import type { DemoHost, MainSystem } from './fixtures';
import { expect, test } from './fixtures';

/** The header's live status line. */
const syncStatus = (page: Page): Locator => page.getByRole('banner').getByRole('status');
const syncNowButton = (page: Page): Locator => page.getByRole('banner').getByRole('button', { name: 'Sync now', exact: true });

/** A sync against the local reference server takes well under a second; a failing one retries for a few seconds. */
const SYNC_TIMEOUT = 20_000;

const runCount = async (host: DemoHost) => (await invoke(host, 'getSyncLog', {}, 'manager')).runs.length;

function mainSystemOf(host: DemoHost): MainSystem {
  if (!host.mainSystem) throw new Error('This test needs the fixture option mainSystem: true.');
  return host.mainSystem;
}

test.describe('sync with the main system', () => {
  // The office manager: the desk's header plus the Sync log, which only managers read.
  test.use({ mainSystem: true, demo: { patients: 30, seed: 4 }, signInAs: 'manager' });
  // The first test also waits for the main system to start (up to a minute on a slow machine).
  test.describe.configure({ timeout: 90_000 });

  test('the header says when data last came in; Sync now syncs again', async ({ checkIn, demoHost, page }) => {
    const status = syncStatus(page);
    await expect(status).toContainText(/^Synced (just now|\d+ min ago)/, { timeout: SYNC_TIMEOUT });
    const first = await invoke(demoHost, 'getSyncStatus', {});
    expect(first).toMatchObject({ state: 'ok', pendingChanges: 0, rejectedChanges: 0 });
    // The exact time is there for a screen reader and on hover; the screen shows how long ago.
    await expect(status.locator('time')).toHaveAttribute('datetime', first.lastSyncedAt!);

    const runs = await runCount(demoHost);
    await syncNowButton(page).click();
    await expect(status).toContainText('Syncing…');
    await expect(syncNowButton(page)).toHaveAttribute('aria-disabled', 'true');
    await expect(status).toContainText(/^Synced just now/, { timeout: SYNC_TIMEOUT });
    await expect(syncNowButton(page)).not.toHaveAttribute('aria-disabled');
    expect(await runCount(demoHost)).toBe(runs + 1);
    const second = await invoke(demoHost, 'getSyncStatus', {});
    expect(second.lastSyncedAt! > first.lastSyncedAt!).toBe(true);
    await expect(status.locator('time')).toHaveAttribute('datetime', second.lastSyncedAt!);
    await expect(checkIn.search).toBeVisible();
  });

  test('a failing main system: "Sync failed" with the change waiting, then it catches up; the log shows both', async ({ checkIn, demoHost, page }) => {
    const mainSystem = mainSystemOf(demoHost);
    const status = syncStatus(page);
    await expect(status).toContainText(/^Synced/, { timeout: SYNC_TIMEOUT });

    await mainSystem.faults({ fail: 100, failStatus: 503 });
    try {
      // Another desk takes a payment: it waits in the outbox for the main system.
      await invoke(demoHost, 'recordPayment', { patientId: 1, amountCents: 500, method: 'cash', idempotencyKey: newKey() });
      await syncNowButton(page).click();
      await expect(status).toContainText('Sync failed: the main system had a problem (HTTP 503)', { timeout: SYNC_TIMEOUT });
      await expect(status).toContainText('1 change waiting');
      expect(await invoke(demoHost, 'getSyncStatus', {})).toMatchObject({ state: 'failed', pendingChanges: 1 });
    } finally {
      await mainSystem.faults({ reset: true });
    }

    await syncNowButton(page).click();
    await expect(status).toContainText(/^Synced just now/, { timeout: SYNC_TIMEOUT });
    await expect(status).not.toContainText('waiting');
    expect(await invoke(demoHost, 'getSyncStatus', {})).toMatchObject({ state: 'ok', pendingChanges: 0, rejectedChanges: 0 });

    // The office manager's view.
    await page.getByRole('banner').getByRole('button', { name: 'Sync log' }).click();
    const log = page.getByRole('dialog', { name: 'Sync log' });
    await expect(log).toBeVisible();
    await expect(log.getByRole('heading', { name: 'Records the main system sent that could not be applied (0)' })).toBeVisible();
    await expect(log.getByRole('heading', { name: 'Changes the main system refused (0)' })).toBeVisible();
    await expect(log.getByRole('heading', { name: 'Amounts changed after a desk decision (0)' })).toBeVisible();
    await expect(log).toContainText('None. Everything the main system sent was applied.');

    const runs = log.getByRole('table', { name: 'Recent syncs' });
    const rows = runs.getByRole('rowgroup').nth(1).getByRole('row');
    const expected = (await invoke(demoHost, 'getSyncLog', {}, 'manager')).runs;
    await expect(rows).toHaveCount(expected.length);
    // Newest first: the run that sent the payment, then the one that could not.
    await expect(rows.first()).toContainText('OK');
    await expect(rows.first()).toContainText('1 sent');
    const failed = rows.filter({ hasText: 'Failed' });
    await expect(failed.first()).toContainText('The main system had a problem (HTTP 503)');
    await expect(failed.first()).toContainText('failed after 5 attempts');

    await page.keyboard.press('Escape');
    await expect(log).toBeHidden();
    await expect(checkIn.search).toBeVisible();
  });

  test('when the network comes back, it syncs once', async ({ checkIn, context, demoHost, page }) => {
    const status = syncStatus(page);
    await expect(status).toContainText(/^Synced/, { timeout: SYNC_TIMEOUT });
    const runs = await runCount(demoHost);
    await context.setOffline(true);
    await context.setOffline(false);
    await expect.poll(() => runCount(demoHost), { timeout: SYNC_TIMEOUT }).toBe(runs + 1);
    await expect(status).toContainText(/^Synced just now/, { timeout: SYNC_TIMEOUT });
    await expect(checkIn.search).toBeVisible();
  });
});

test.describe('without a main system', () => {
  test.use({ mainSystem: false, demo: { patients: 30, seed: 4 }, signInAs: 'manager' });

  test('the header says it is not connected, and Sync now says why it cannot', async ({ checkIn, demoHost, page }) => {
    const status = syncStatus(page);
    const expected = await invoke(demoHost, 'getSyncStatus', {});
    expect(expected.state).toBe('not_configured');
    await expect(status).toContainText('Not connected to the main system');
    if (expected.lastSyncedAt) await expect(status).toContainText('data last came in');

    const button = syncNowButton(page);
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAccessibleDescription(/No main system is set up on this computer/);
    const runs = await runCount(demoHost);
    // Still focusable (so the reason can be read); Enter does nothing.
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(status).toContainText('Not connected to the main system');
    await expect(button).toBeFocused();
    expect(await runCount(demoHost)).toBe(runs);

    await page.getByRole('banner').getByRole('button', { name: 'Sync log' }).click();
    const log = page.getByRole('dialog', { name: 'Sync log' });
    await expect(log.getByRole('heading', { name: `Recent syncs (${runs})` })).toBeVisible();
    if (runs === 0) await expect(log).toContainText('No syncs yet.');
    await log.getByRole('button', { name: 'Close' }).click();
    await expect(log).toBeHidden();
    await expect(checkIn.search).toBeVisible();
  });
});
