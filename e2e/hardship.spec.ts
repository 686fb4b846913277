import type { Page } from '@playwright/test';
import { addDays } from '../shared/dates';
import { invoke, newKey } from './desk-api';
import type { CheckInScreen, DemoHost } from './fixtures';
import { expect, openApp, test } from './fixtures';

const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/** Opens a patient the way the desk does: MRN in the search box, Enter. */
async function openPatient(checkIn: CheckInScreen, mrn: string, name: string): Promise<void> {
  await checkIn.search.fill(mrn);
  await checkIn.search.press('Enter');
  await expect(checkIn.patientHeading(name)).toBeVisible();
}

/**
 * The manager's Pending page. openManagerWorkspace's `radio.check({ force: true })` is refused by
 * Playwright for the SegmentedControl's visually hidden input ("outside of the viewport"); clicking
 * its visible label is what a person does. Use openManagerWorkspace once that is fixed there.
 */
async function openPendingPage(page: Page, host: DemoHost): Promise<void> {
  await openApp(page, host, 'manager');
  await page.locator('label').filter({ hasText: /^Manager$/ }).click();
  await expect(page.getByRole('radio', { name: 'Manager' })).toBeChecked();
  await page.getByRole('tab', { name: 'Pending' }).click();
}

const hardshipDialog = (page: Page) => page.getByRole('dialog', { name: 'Hardship application' });
const hardshipRecord = (page: Page) => page.getByRole('region', { name: 'Financial hardship' });

test.describe('financial hardship', () => {
  test('at the desk: the sliding scale shows while typing; the application is sent and waits for a manager', async ({ checkIn, demoHost, page }) => {
    const { patient } = await invoke(demoHost, 'getPatientBalance', { patientId: 5 });
    await openPatient(checkIn, patient.mrn, patient.name);
    await expect(hardshipRecord(page)).toHaveCount(0);

    await page.getByRole('button', { name: 'Hardship application' }).click();
    const dialog = hardshipDialog(page);
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Household size' })).toBeFocused();
    await dialog.getByRole('textbox', { name: 'Household size' }).fill('3');
    await dialog.getByRole('textbox', { name: 'Annual household income' }).fill('28,000');
    const result = dialog.getByRole('status', { name: 'Sliding-scale result' });
    await expect(result).toContainText('Sliding scale: 75% off');
    await expect(result).toContainText('$28,000.00 a year is 105% of the 2025 federal poverty guideline for a household of 3 people ($26,650.00)');
    await expect(result).toContainText('Policy 5.1 Financial hardship');
    // Typing more changes the result.
    await dialog.getByRole('textbox', { name: 'Annual household income' }).fill('60,000');
    await expect(result).toContainText('Sliding scale: 25% off');
    await dialog.getByRole('textbox', { name: 'Annual household income' }).fill('28,000');
    await expect(result).toContainText('Sliding scale: 75% off');

    // Documentation is required (policy 5.1).
    await dialog.getByRole('button', { name: 'Send to a manager' }).click();
    await expect(dialog.getByText('Tick the documents you saw')).toBeVisible();
    await dialog.getByRole('checkbox', { name: 'Pay stubs' }).check();
    await dialog.getByRole('checkbox', { name: 'Tax return' }).check();
    await dialog.getByRole('button', { name: 'Send to a manager' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByRole('status').filter({ hasText: 'Hardship application sent to a manager' })).toContainText('75% off under the sliding scale if approved');
    await expect(hardshipRecord(page)).toContainText('Hardship application waiting for a manager');
    await expect(hardshipRecord(page)).toContainText('Household of 3 people, $28,000.00 a year (105% of the poverty guideline)');

    // From the keyboard (Alt+H): a second application is refused while one waits, and the dialog says so first.
    await page.getByRole('button', { name: 'Hardship application' }).focus();
    await page.keyboard.press('Alt+h');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Household size' }).fill('2');
    await dialog.getByRole('textbox', { name: 'Annual household income' }).fill('10000');
    await expect(dialog.getByText('Already waiting', { exact: true })).toBeVisible();
    await dialog.getByRole('checkbox', { name: 'Signed self-attestation of income' }).check();
    await dialog.getByRole('button', { name: 'Send to a manager' }).click();
    await expect(dialog.getByRole('alert')).toContainText('already waiting for a manager');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    const record = await invoke(demoHost, 'getPatientHardship', { patientId: patient.id });
    expect(record.pending).toMatchObject({ householdSize: 3, annualIncomeCents: 2_800_000, documentsSeen: ['tax_return', 'pay_stubs'], result: { discountPercent: 75 } });
    expect(record.history).toHaveLength(1);
  });

  test('the manager approves it from Pending; the desk then sees it in force with its expiry', async ({ browser, demoHost, page }) => {
    const { patient } = await invoke(demoHost, 'getPatientBalance', { patientId: 6 });
    const { today } = await invoke(demoHost, 'getAppInfo', {});
    const application = await invoke(demoHost, 'submitHardshipApplication', { patientId: patient.id, householdSize: 2, annualIncomeCents: 3_800_000, documentsSeen: ['benefits_letter'], idempotencyKey: newKey() });
    // Only a manager decides (the core refuses the desk, whatever the screen shows).
    await expect(invoke(demoHost, 'decideHardship', { applicationId: application.id, decision: 'approve', reason: 'Desk trying', idempotencyKey: newKey() })).rejects.toMatchObject({ code: 'forbidden' });

    await openPendingPage(page, demoHost);
    const row = page.getByRole('row').filter({ hasText: patient.name });
    await row.getByRole('button', { name: /^Review/ }).click();
    const review = page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: 'What the desk recorded' }) });
    await expect(review).toContainText('Benefits letter');
    await expect(review).toContainText('Computed: 50% off');
    await review.getByRole('button', { name: 'Approve' }).click();
    await expect(review.getByText('Say why, in a few words')).toBeVisible();
    await review.getByRole('textbox', { name: 'Reason for the decision' }).fill('Benefits letter seen');
    await review.getByRole('button', { name: 'Approve' }).click();

    const expiresOn = addDays(today, 365);
    await expect.poll(async () => (await invoke(demoHost, 'getPatientHardship', { patientId: patient.id })).active?.expiresOn).toBe(expiresOn);

    const desk = await browser.newContext();
    try {
      const deskPage = await desk.newPage();
      await openApp(deskPage, demoHost, 'front_desk');
      const search = deskPage.getByRole('combobox', { name: 'Search patients' });
      await search.fill(patient.mrn);
      await search.press('Enter');
      await expect(deskPage.getByRole('heading', { level: 2, name: patient.name })).toBeVisible();
      await expect(hardshipRecord(deskPage)).toContainText(`Financial hardship approved: 50% off, expires on ${usDate(expiresOn)}`);
    } finally {
      await desk.close();
    }
    const balance = await invoke(demoHost, 'getPatientBalance', { patientId: patient.id });
    for (const item of balance.items.filter((i) => i.verdict.collectible && i.openCents > 1)) {
      expect(item.verdict.writeOffs).toContainEqual({ rule: 'hardship', maxCents: Math.floor(item.openCents / 2), needsApproval: false });
    }
  });
});
