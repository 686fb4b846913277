/**
 * The two roles together: the desk asks for a write-off, a manager signs in and approves it with a
 * reason, the desk sees the item written off with that reason, and the audit trail shows both.
 */
import type { Browser, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import type { CheckInItem, PatientBalance } from '../shared/contract';
import { itemName } from '../renderer/src/desk/verdict-view';
import { invoke } from './desk-api';
import type { DemoHost } from './fixtures';
import { expect, openApp, openManagerWorkspace, test } from './fixtures';

/** A patient with an item the desk may send to a manager (collectible cost-sharing, nothing pending). */
async function requestableItem(host: DemoHost): Promise<{ balance: PatientBalance; item: CheckInItem }> {
  const db = new Database(host.dbPath, { readonly: true, fileMustExist: true });
  const patientIds = db
    .prepare(`SELECT DISTINCT i.patient_id AS id FROM patient_items i WHERE i.category IN ('coinsurance', 'deductible') ORDER BY i.patient_id LIMIT 40`)
    .all() as { id: number }[];
  db.close();
  for (const { id } of patientIds) {
    const balance = await invoke(host, 'getPatientBalance', { patientId: id });
    const item = balance.items.find((i) => i.openCents > 0 && i.verdict.collectible && i.verdict.allowedActions.includes('request_exception'));
    if (item) return { balance, item };
  }
  throw new Error('The demo practice has no item the desk may send to a manager.');
}

async function openPatientAtDesk(page: Page, balance: PatientBalance): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search patients' });
  await search.fill(balance.patient.mrn);
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: balance.patient.name })).toBeVisible();
}

const itemRow = (page: Page, item: CheckInItem) =>
  page.getByRole('table', { name: 'Open items' }).getByRole('row').filter({ has: page.getByRole('radio', { name: `Select ${itemName(item)}` }) });

async function managerPage(browser: Browser): Promise<Page> {
  // Another workstation: its own browser context, its own sign-in.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

test('desk requests a write-off → manager approves with a reason → desk sees it written off; the audit trail shows both', async ({ browser, demoHost, page }) => {
  test.slow();
  const { balance, item } = await requestableItem(demoHost);

  // The desk asks.
  await openApp(page, demoHost, 'front_desk');
  await openPatientAtDesk(page, balance);
  await itemRow(page, item).getByRole('radio').check();
  await page.keyboard.press('Alt+W');
  const request = page.getByRole('dialog', { name: /write-off/i });
  await request.getByRole('textbox', { name: 'Reason' }).fill('Patient lost their job last month');
  await request.getByRole('button', { name: 'Send to a manager' }).click();
  await expect(request).toBeHidden();
  await expect(itemRow(page, item)).toContainText('Waiting for manager');

  // A manager, at another workstation, approves.
  const manager = await managerPage(browser);
  await openManagerWorkspace(manager, demoHost, 'Pending');
  const queue = manager.getByRole('table', { name: 'Waiting for a manager' });
  const row = queue.getByRole('row').filter({ hasText: 'Write-off request' }).filter({ hasText: balance.patient.name });
  await row.getByRole('button', { name: `Approve: ${balance.patient.name}` }).click();
  const approve = manager.getByRole('dialog', { name: 'Approve the write-off' });
  await approve.getByRole('textbox', { name: 'Reason' }).fill('Hardship letter seen; one-time exception');
  await approve.getByRole('button', { name: 'Approve and write off' }).click();
  await expect(approve).toBeHidden();
  await expect(row).toHaveCount(0);

  // The desk sees the decision on the item, in words.
  await page.getByRole('combobox', { name: 'Search patients' }).fill('');
  await openPatientAtDesk(page, balance);
  const decided = itemRow(page, item);
  await expect(decided).toContainText('Written off');
  await expect(decided).toContainText('Write-off approved by Morgan Manager');
  await expect(decided).toContainText('Hardship letter seen; one-time exception');

  // The audit trail shows the request (by the desk) and the approval (by the manager).
  await manager.getByRole('tab', { name: 'Audit trail' }).click();
  await manager.getByRole('textbox', { name: 'Patient' }).fill(balance.patient.mrn);
  await manager.getByRole('button', { name: 'Search' }).click();
  const trail = manager.getByRole('table', { name: 'Audit records, newest first' });
  await expect(trail.getByRole('row').filter({ hasText: 'Dana Desk' }).filter({ hasText: 'Write-off requested' })).toHaveCount(1);
  const approval = trail.getByRole('row').filter({ hasText: 'Morgan Manager' }).filter({ hasText: 'Write-off request approved' });
  await expect(approval).toHaveCount(1);
  // The decision links to the policy version it was made under, readable as it was.
  await approval.getByRole('button', { name: `Policy version ${balance.policyVersion}` }).click();
  await expect(manager.getByRole('dialog', { name: `Financial policy, version ${balance.policyVersion}` })).toBeVisible();
  await manager.context().close();
});
