/**
 * The office manager's pending queue: what waits is listed, filtered and sorted; a write-off
 * request denied with a reason leaves the queue, and the core holds the decision. (The desk →
 * manager → desk flow of an approval is the lead's cross-role spec.)
 */
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { PendingEntry } from '../shared/api/decisions';
import type { DemoHost } from './fixtures';
import { expect, openManagerWorkspace, test } from './fixtures';

/** Items of the demo practice the desk may ask to write off: patient cost-sharing still open, nothing pending. */
function requestableItems(host: DemoHost): { itemId: number; patientId: number }[] {
  const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT i.id AS itemId, i.patient_id AS patientId FROM patient_items i JOIN claim_adjustments a ON a.id = i.adjustment_id
          JOIN claim_lines l ON l.id = i.claim_line_id JOIN claims c ON c.id = l.claim_id JOIN coverages cov ON cov.id = c.coverage_id
          WHERE a.group_code = 'PR' AND i.category IN ('coinsurance', 'deductible') AND cov.program = 'commercial'
            AND (SELECT sum(e.amount_cents) FROM ledger_entries e WHERE e.item_id = i.id) > 0
            AND NOT EXISTS (SELECT 1 FROM exception_requests r WHERE r.item_id = i.id)
          ORDER BY i.id LIMIT 20`,
      )
      .all() as { itemId: number; patientId: number }[];
  } finally {
    db.close();
  }
}

/** A write-off request from the desk (through the CLI, as another workstation would), as the queue lists it. */
async function deskRequestsWriteOff(host: DemoHost): Promise<PendingEntry> {
  for (const { itemId, patientId } of requestableItems(host)) {
    try {
      await host.cliJson(['record', 'request-write-off', '--item', String(itemId), '--reason', 'Patient lost job in October', '--id', String(patientId), '--json']);
    } catch {
      continue; // the policy does not allow a request for this one: try the next
    }
    const queue = await host.cliJson<PendingEntry[]>(['pending', '--json']);
    const entry = queue.find((e) => e.kind === 'write_off_request' && e.itemId === itemId);
    if (entry) return entry;
  }
  throw new Error('No item of the demo practice could be requested for write-off.');
}

test.describe('pending queue', () => {
  test('lists what waits; a denied write-off request leaves the queue with the reason on record', async ({ page, demoHost }) => {
    test.slow();
    const request = await deskRequestsWriteOff(demoHost);
    await openManagerWorkspace(page, demoHost, 'Pending');

    const queue = page.getByRole('table', { name: 'Waiting for a manager' });
    await expect(queue).toBeVisible();
    // The demo practice has balances whose collection effort is complete: they wait too.
    await expect(queue.getByRole('row').filter({ hasText: 'Bad-debt candidate' }).first()).toBeVisible();

    // Only write-off requests, with their count in the filter.
    await page.getByRole('combobox', { name: 'Show' }).click();
    await page.getByRole('option', { name: /^Write-off request \(\d+\)$/ }).click();
    await expect(queue.getByRole('row').filter({ hasText: 'Bad-debt candidate' })).toHaveCount(0);
    const row = queue.getByRole('row').filter({ hasText: request.detail });
    await expect(row).toContainText(request.patientName!);

    // Deny: the reason is required, and said in place.
    await row.getByRole('button', { name: `Deny: ${request.patientName}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Deny the write-off' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Reason' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Deny the request' }).click();
    await expect(dialog.getByText('Say why, in a few words (5 characters at least).')).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('No hardship documents on file');
    await page.keyboard.press('Tab');
    await dialog.getByRole('button', { name: 'Deny the request' }).press('Enter');

    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `${request.patientName}: Denied: the desk collects` })).toBeVisible();
    await expect(row).toHaveCount(0);
    const after = await demoHost.cliJson<PendingEntry[]>(['pending', '--json']);
    expect(after.some((e) => e.kind === 'write_off_request' && e.id === request.id)).toBe(false);

    // Readable for everyone: no axe violations on the page.
    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('sorts by amount and opens a patient at the desk', async ({ page, demoHost }) => {
    await openManagerWorkspace(page, demoHost, 'Pending');
    const queue = page.getByRole('table', { name: 'Waiting for a manager' });
    await expect(queue).toBeVisible();
    await page.getByRole('combobox', { name: 'Sort' }).click();
    await page.getByRole('option', { name: 'Largest amount first' }).click();
    const amounts = await queue.locator('tbody tr td:nth-child(3)').allInnerTexts();
    const cents = amounts.filter((a) => a.startsWith('$')).map((a) => Number(a.replace(/[$,]/g, '')));
    expect(cents.length).toBeGreaterThan(1);
    expect(cents).toEqual([...cents].sort((a, b) => b - a));

    const first = queue.getByRole('row').nth(1);
    const open = first.getByRole('button', { name: /^Open patient / });
    const name = ((await open.getAttribute('aria-label')) ?? '').replace(/^Open patient | at the desk$/g, '');
    await open.click();
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  });
});
