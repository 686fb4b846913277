import type { Locator, Page } from '@playwright/test';
import type { CheckInItem, PatientBalance } from '../shared/contract';
import { ApiError } from '../shared/errors';
import { formatCents } from '../shared/money';
import { findCarryScenario, findPatient, invoke, isCollectibleOverLimit, leaveOnlyTheSmallItem, mayCarryForward, newKey } from './desk-api';
import type { CheckInScreen } from './fixtures';
import { expect, test } from './fixtures';

const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const itemName = (item: CheckInItem) => `${item.serviceCode} ${item.description} (${usDate(item.serviceDate)})`;

/** Opens a patient the way the desk does: MRN in the search box, Enter. */
async function openPatient(checkIn: CheckInScreen, balance: PatientBalance): Promise<void> {
  await checkIn.search.fill(balance.patient.mrn);
  await checkIn.search.press('Enter');
  await expect(checkIn.patientHeading(balance.patient.name)).toBeVisible();
}

/** The table row of an item, found by its selection radio button. */
function itemRow(checkIn: CheckInScreen, item: CheckInItem): Locator {
  return checkIn.openItems.getByRole('row').filter({ has: checkIn.page.getByRole('radio', { name: `Select ${itemName(item)}` }) });
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test.describe('desk flow', () => {
  test('search, open, carry a small balance forward, take today’s copay: the receipt shows both', async ({ checkIn, demoHost, page }) => {
    test.slow();
    const scenario = await findCarryScenario(demoHost);
    const { item, copayCents } = scenario;
    await openPatient(checkIn, scenario.balance);
    const row = itemRow(checkIn, item);
    await expect(row).toContainText('Collect');

    if (scenario.others.length > 0) {
      // With the other balances still open, the patient owes too much to carry anything forward: the button says why.
      await row.getByRole('radio').check();
      await expect(button(page, 'Carry forward')).toBeDisabled();
      await expect(button(page, 'Carry forward')).toHaveAccessibleDescription(/at or above the \$\d+\.\d\d limit for carrying forward.*Policy 2\.1/);
      // Another desk takes payment for the other items; Refresh shows it.
      await leaveOnlyTheSmallItem(demoHost, scenario);
      await button(page, 'Refresh').click();
    }

    await expect(page.getByLabel('Due today')).toHaveText(formatCents(copayCents + item.openCents));
    await expect(page.getByLabel('Total owed')).toHaveText(formatCents(item.openCents));

    // From the keyboard: Alt+I goes to the items (selecting one), a click or the arrow keys choose, Alt+C opens the dialog.
    await page.keyboard.press('Alt+i');
    await expect(checkIn.openItems.getByRole('radio', { checked: true })).toBeFocused();
    await row.getByRole('radio').check();
    await expect(row.getByRole('radio')).toBeFocused();
    await page.keyboard.press('Alt+c');
    const carry = page.getByRole('dialog', { name: 'Carry forward' });
    await expect(carry).toBeVisible();
    const until = await invoke(demoHost, 'getPatientBalance', { patientId: scenario.balance.patient.id }).then(
      (b) => b.items.find((i) => i.id === item.id)!.verdict.carryForwardUntil!,
    );
    await expect(carry).toContainText(`It goes on a statement by ${usDate(until)}`);
    await expect(carry).toContainText(itemName(item));
    await carry.getByRole('button', { name: 'Carry forward' }).click();
    await expect(carry).toBeHidden();

    await expect(row).toContainText(`Carried forward until ${usDate(until)}`);
    await expect(page.getByLabel('Due today')).toHaveText(formatCents(copayCents));
    await expect(page.getByLabel('Total owed')).toHaveText(formatCents(item.openCents));
    await expect(page.getByRole('status').filter({ hasText: 'Carried forward' })).toContainText(`until ${usDate(until)}`);

    // Today's copay: the amount starts at what is due today.
    await button(page, 'Record payment').click();
    const payment = page.getByRole('dialog', { name: 'Record payment' });
    const amount = payment.getByRole('textbox', { name: 'Amount' });
    await expect(amount).toHaveValue(formatCents(copayCents).slice(1));
    await expect(payment.getByRole('radio', { name: 'Cash' })).toBeChecked();
    await payment.getByRole('button', { name: 'Record payment' }).click();
    const applied = payment.getByRole('table', { name: 'Applied to' });
    await expect(applied.getByRole('row')).toHaveCount(2);
    await expect(applied.getByRole('row').nth(1)).toHaveText(`Today’s copay${formatCents(copayCents)}`);
    await payment.getByRole('button', { name: 'Done' }).click();
    await expect(payment).toBeHidden();

    await expect(page.getByLabel('Due today')).toHaveText('$0.00');
    await expect(page.getByLabel('Total owed')).toHaveText(formatCents(item.openCents));
    await expect(row).toContainText(`Carried forward until ${usDate(until)}`);

    // The receipt: the copay payment with its line, the carried item with its statement date.
    await page.keyboard.press('Alt+t');
    const receiptDialog = page.getByRole('dialog', { name: 'Receipt' });
    const receipt = receiptDialog.getByRole('article', { name: `Receipt for ${scenario.balance.patient.name}` });
    await expect(receipt).toBeVisible();
    const payments = receipt.getByRole('region', { name: 'Payments' });
    const copayPayment = payments.getByRole('table').filter({ hasText: 'Copay for the visit' });
    await expect(copayPayment).toHaveCount(1);
    await expect(copayPayment.getByRole('columnheader').nth(1)).toHaveText(formatCents(copayCents));
    await expect(copayPayment).toContainText('Cash');
    const carried = receipt.getByRole('table', { name: 'Carried forward items' });
    await expect(carried.getByRole('row')).toHaveCount(2);
    await expect(carried.getByRole('row').nth(1).getByRole('cell')).toHaveText([`${item.description} ${usDate(item.serviceDate)}`, usDate(until), formatCents(item.openCents)]);
    const paidByOthers = scenario.others.reduce((sum, other) => sum + other.openCents, 0);
    await expect(receipt).toContainText(`Total paid today${formatCents(copayCents + paidByOthers)}`);
    await expect(receipt).toContainText(`Balance after today${formatCents(item.openCents)}`);
    await expect(receipt).toContainText('Financial policy version');

    // Print opens the print dialog (stubbed here), where "Save as PDF" is offered.
    // (The e2e code is typed for Node: the page's window is reached through globalThis.)
    type PrintSpy = { print(): void; printed: number };
    await page.evaluate(() => {
      const w = globalThis as unknown as PrintSpy;
      w.printed = 0;
      w.print = () => {
        w.printed += 1;
      };
    });
    await receiptDialog.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate(() => (globalThis as unknown as PrintSpy).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('body > .print-only').getByText('Copay for the visit')).toBeVisible();
    await expect(checkIn.search).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
  });

  test('a payment of $0.00 or without a check number is not sent', async ({ checkIn, demoHost, page }) => {
    const patient = await findPatient(demoHost, (b) => b.totalDueCents > 0, 'patient who owes something');
    await openPatient(checkIn, patient);
    await page.keyboard.press('Alt+p');
    const payment = page.getByRole('dialog', { name: 'Record payment' });
    const amount = payment.getByRole('textbox', { name: 'Amount' });
    await expect(amount).toBeFocused();

    await amount.fill('0');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(amount).toHaveAccessibleDescription(/The amount must be more than \$0\.00\./);
    await expect(amount).toBeFocused();

    await amount.fill('12.345');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await expect(amount).toHaveAccessibleDescription(/Enter dollars and cents, like 25 or 25\.00\./);

    await amount.fill('10');
    await payment.getByRole('radio', { name: 'Check' }).check();
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await expect(payment.getByRole('textbox', { name: 'Check number' })).toHaveAccessibleDescription('A check needs its number.');
    await expect(payment).toBeVisible();

    const after = await invoke(demoHost, 'getPatientBalance', { patientId: patient.patient.id });
    expect(after.totalDueCents).toBe(patient.totalDueCents);
    await payment.getByRole('button', { name: 'Cancel' }).click();
    await expect(payment).toBeHidden();
  });

  test('Carry forward is not offered when the balance is too large, and says why', async ({ checkIn, demoHost, page }) => {
    const patient = await findPatient(demoHost, isCollectibleOverLimit, 'patient owing more than the carry-forward limit');
    const item = patient.items.find((i) => i.verdict.collectible && i.openCents > 0)!;
    await openPatient(checkIn, patient);
    await itemRow(checkIn, item).getByRole('radio').check();
    const carry = button(page, 'Carry forward');
    await expect(carry).toBeDisabled();
    const why = `The patient's balance is ${formatCents(patient.totalDueCents)}, at or above the ${formatCents(patient.carryForwardLimitCents)} limit for carrying forward`;
    await expect(carry).toHaveAccessibleDescription(new RegExp(why.replace(/[$.()]/g, '\\$&')));
    await expect(page.getByText(why)).toBeVisible();

    // The shortcut does not open a dialog; it shows the button and its reason instead.
    await page.keyboard.press('Alt+c');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(carry).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('when the core refuses (another desk acted first), the dialog shows its message word for word', async ({ checkIn, demoHost, page }) => {
    const patient = await findPatient(demoHost, (b) => b.appointmentToday === null && b.items.some(mayCarryForward), 'patient with a balance that may be carried forward');
    const item = patient.items.find(mayCarryForward)!;
    await openPatient(checkIn, patient);
    const row = itemRow(checkIn, item);
    await row.getByRole('radio').check();
    await button(page, 'Carry forward').click();
    const carry = page.getByRole('dialog', { name: 'Carry forward' });
    await expect(carry).toBeVisible();

    // Meanwhile, another desk carries the same item forward.
    await invoke(demoHost, 'carryForward', { itemId: item.id, idempotencyKey: newKey() });
    const refusal = await invoke(demoHost, 'carryForward', { itemId: item.id, idempotencyKey: newKey() }).then(
      () => null,
      (error: unknown) => (error instanceof ApiError ? error : null),
    );
    expect(refusal?.code).toBe('refused');

    await carry.getByRole('button', { name: 'Carry forward' }).click();
    // By name: until the balance read again arrives, the dialog's own "It goes on a statement by …" alert is there too.
    const alert = carry.getByRole('alert', { name: 'Not done' });
    await expect(alert).toContainText(refusal!.message);
    await expect(carry).toBeVisible();
    // The screen reads the balance again: the item now shows the other desk's carry-forward.
    await expect(row).toContainText('Carried forward until');
    await expect(carry.getByRole('button', { name: 'Carry forward' })).toBeDisabled();
  });
});
