/**
 * The manager's Reports and Audit trail pages, in Chromium against the browser host:
 * a chart renders with the table of its figures, Export CSV saves the report's CSV,
 * the audit trail narrows to one patient by MRN, and its hash chain verifies.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { invoke, newKey } from './desk-api';
import { expect, openManagerWorkspace, test } from './fixtures';

/** Picks a report as a person does: clicking its name in the Report switch. */
async function chooseReport(page: Page, name: string) {
  const choices = page.getByRole('radiogroup', { name: 'Report' });
  await choices.getByText(name, { exact: true }).click();
  await expect(choices.getByRole('radio', { name })).toBeChecked();
}

test.describe('Reports', () => {
  test('shows a chart with its table, and exports the report as CSV', async ({ page, demoHost }) => {
    await openManagerWorkspace(page, demoHost, 'Reports');
    await expect(page.getByRole('heading', { level: 2, name: 'Reports' })).toBeVisible();
    // The demo practice has sent statements for two years: collection effort has figures in every month.
    await chooseReport(page, 'Collection effort');

    const chart = page.getByRole('img', { name: /^Bar chart of statements sent each month/ });
    await expect(chart).toBeVisible();
    await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    const table = page.getByRole('table', { name: 'Statements and payments after them, by month' });
    await expect(table.getByRole('columnheader', { name: 'Statements sent' })).toBeVisible();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(6);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^collection-effort_start_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('month,statements,billed_cents,paid_within_30_days_cents,statements_followed_by_payment,statements_paid_in_full');
    expect(lines.length - 1).toBe(await table.locator('tbody tr').count());
  });

  test('the consistency audit charts rates per group and lists what stands out', async ({ page, demoHost }) => {
    await openManagerWorkspace(page, demoHost, 'Reports');
    await chooseReport(page, 'Consistency audit');
    await expect(page.getByRole('img', { name: /^Bar chart of the write-off rate by payer program/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Consistency by payer program' }).getByRole('rowheader', { name: 'Medicare', exact: true })).toBeVisible();
    await expect(page.getByRole('textbox', { name: /Flag beyond/ })).toBeVisible();
    await expect(page.getByText(/No group stands out|beyond 5 percentage points/).first()).toBeVisible();
  });
});

test.describe('Audit trail', () => {
  test('narrows to one patient by MRN, and says the chain is intact', async ({ page, demoHost }) => {
    // Two desk payments for two patients, made through the API as another desk would.
    const [first, second] = await Promise.all([1, 2].map((patientId) => invoke(demoHost, 'getPatientBalance', { patientId })));
    for (const balance of [first!, second!]) {
      await invoke(demoHost, 'recordPayment', { patientId: balance.patient.id, amountCents: 500, method: 'cash', idempotencyKey: newKey() });
    }

    await openManagerWorkspace(page, demoHost, 'Audit trail');
    await expect(page.getByRole('heading', { level: 2, name: 'Audit trail' })).toBeVisible();
    const records = page.getByRole('table', { name: 'Audit records, newest first' });
    await expect(records.getByText(`MRN ${first!.patient.mrn}`)).toBeVisible();
    await expect(records.getByText(`MRN ${second!.patient.mrn}`)).toBeVisible();

    const filters = page.getByRole('form', { name: 'Filter the audit trail' });
    await filters.getByRole('textbox', { name: /^Patient/ }).fill(first!.patient.mrn);
    await filters.getByRole('button', { name: 'Search' }).click();
    await expect(records.getByText(`MRN ${second!.patient.mrn}`)).toHaveCount(0);
    const rows = records.locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Payment recorded');
    await expect(rows.first()).toContainText(`MRN ${first!.patient.mrn}`);
    await expect(rows.first()).toContainText('$5.00');

    await page.getByRole('button', { name: 'Verify the audit trail' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The audit trail is intact' })).toBeVisible();
  });
});
