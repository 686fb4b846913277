import type { BalanceItem, CheckInItem } from '../shared/contract';
import { whyOwed } from '../shared/domain';
import { API_PATH } from '../shared/host-protocol';
import { formatCents } from '../shared/money';
import type { DemoHost } from './fixtures';
import { expect, signIn, test } from './fixtures';

/** What `front-desk search --json` prints. */
interface CliPatient {
  id: number;
  mrn: string;
  name: string;
  dob: string;
}

/** What `front-desk balance --json` prints (the parts these tests read). */
interface CliBalance {
  patient: CliPatient;
  totalDueCents: number;
  dueTodayCents: number;
  items: (BalanceItem & Pick<CheckInItem, 'verdict'>)[];
}

const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
const amountText = (item: BalanceItem) =>
  item.openCents < item.amountCents ? `${formatCents(item.openCents)} of ${formatCents(item.amountCents)}` : formatCents(item.openCents);

const targets = new Map<string, Promise<CliBalance>>();

/**
 * A patient with several open items (preferably one partly paid, so "$x of $y"
 * is exercised), found through the CLI. Remembered per demo database.
 */
function patientWithSeveralItems(host: DemoHost): Promise<CliBalance> {
  let target = targets.get(host.dbPath);
  if (!target) {
    target = (async () => {
      let fallback: CliBalance | undefined;
      let checked = 0;
      for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
        const patients = await host.cliJson<CliPatient[]>(['search', letter, '--limit', '10', '--json']);
        for (const patient of patients) {
          const balance = await host.cliJson<CliBalance>(['balance', '--mrn', patient.mrn, '--json']);
          checked += 1;
          if (balance.items.length >= 3) {
            if (balance.items.some((item) => item.openCents < item.amountCents)) return balance;
            fallback ??= balance;
          }
          if (fallback && checked >= 30) return fallback;
        }
      }
      if (fallback) return fallback;
      throw new Error('The demo practice has no patient with 3 or more open items.');
    })();
    targets.set(host.dbPath, target);
  }
  return target;
}

test.describe('check-in', () => {
  test('the search box has focus on load and after "/" or Ctrl+K', async ({ checkIn, page }) => {
    await expect(checkIn.search).toBeFocused();

    await page.getByRole('heading', { name: 'Who is checking in?' }).click();
    await expect(checkIn.search).not.toBeFocused();
    await page.keyboard.press('/');
    await expect(checkIn.search).toBeFocused();
    await expect(checkIn.search).toHaveValue('');

    await page.getByRole('heading', { name: 'Who is checking in?' }).click();
    await page.keyboard.press('Control+k');
    await expect(checkIn.search).toBeFocused();

    // Inside the box "/" is just a character (dates are typed with slashes).
    await page.keyboard.type('01/');
    await expect(checkIn.search).toHaveValue('01/');
  });

  test('type part of a last name, pick with the keyboard: the screen matches `front-desk balance`', async ({ checkIn, demoHost, page }) => {
    test.slow();
    const expected = await patientWithSeveralItems(demoHost);
    const { patient, items } = expected;
    const familyName = patient.name.split(',')[0]!.trim();

    await checkIn.search.pressSequentially(familyName.slice(0, 4), { delay: 40 });
    const options = await checkIn.settledResults();
    const texts = await options.allInnerTexts();
    const index = texts.findIndex((text) => text.includes(patient.mrn));
    expect(index, `${patient.name} (${patient.mrn}) among ${JSON.stringify(texts)}`).toBeGreaterThanOrEqual(0);
    await expect(options.nth(index)).toContainText(patient.name);
    await expect(options.nth(index)).toContainText(usDate(patient.dob));

    for (let step = 0; step <= index; step += 1) await page.keyboard.press('ArrowDown');
    const highlighted = checkIn.results.getByRole('option', { selected: true });
    await expect(highlighted).toHaveCount(1);
    await expect(highlighted).toContainText(patient.mrn);
    await expect(checkIn.search).toHaveAttribute('aria-activedescendant', (await highlighted.getAttribute('id'))!);
    await page.keyboard.press('Enter');

    await expect(checkIn.patientHeading(patient.name)).toBeVisible();
    await expect(checkIn.results).toBeHidden();
    await expect(checkIn.search).toHaveValue('');
    await expect(page.getByLabel('Date of birth')).toHaveText(usDate(patient.dob));
    await expect(page.getByLabel('MRN', { exact: true })).toHaveText(patient.mrn);

    await expect(page.getByLabel('Total owed')).toHaveText(formatCents(expected.totalDueCents));
    await expect(page.getByLabel('Due today')).toHaveText(formatCents(expected.dueTodayCents));
    expect(expected.totalDueCents).toBe(items.filter((item) => item.verdict.collectible).reduce((sum, item) => sum + item.openCents, 0));

    const rows = checkIn.openItems.getByRole('row');
    await expect(rows).toHaveCount(items.length + 1);
    await expect(rows.first().getByRole('columnheader')).toHaveText(['Select', 'Date of service', 'Service', 'Why the patient owes it', 'Amount', 'Policy']);
    for (const [i, item] of items.entries()) {
      const cells = rows.nth(i + 1).getByRole('cell');
      await expect(cells).toHaveCount(6);
      await expect(cells.nth(1)).toHaveText(usDate(item.serviceDate));
      await expect(cells.nth(2)).toHaveText(`${item.serviceCode} ${item.description}`);
      await expect(cells.nth(3)).toHaveText(whyOwed(item));
      await expect(cells.nth(4)).toContainText(amountText(item));
      // The policy's reason, in plain words, with the clause it comes from.
      const reason = item.verdict.reasons[0];
      if (reason) await expect(cells.nth(5)).toContainText(`Policy ${reason.clause}`);
    }
  });

  test('finds a patient by MRN and by date of birth (MM/DD/YYYY)', async ({ checkIn, demoHost }) => {
    const [someone] = await demoHost.cliJson<CliPatient[]>(['search', 'b', '--limit', '1', '--json']);
    expect(someone).toBeDefined();
    const patient = someone!;

    await checkIn.search.fill(patient.mrn);
    let options = await checkIn.settledResults();
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText(patient.name);

    await checkIn.search.fill(usDate(patient.dob));
    options = await checkIn.settledResults();
    await expect(options.filter({ hasText: patient.mrn })).toHaveCount(1);
    for (const text of await options.allInnerTexts()) expect(text).toContain(usDate(patient.dob));

    // An MRN typed (or scanned) and Enter at once, before any list shows: the only match opens.
    await checkIn.search.press('Escape');
    await checkIn.search.press('Escape');
    await expect(checkIn.search).toHaveValue('');
    await checkIn.search.fill(patient.mrn);
    await checkIn.search.press('Enter');
    await expect(checkIn.patientHeading(patient.name)).toBeVisible();
    await expect(checkIn.search).toHaveValue('');
  });

  test('Escape closes the list, then clears the box', async ({ checkIn, demoHost }) => {
    // Two letters that start a real family name of the demo practice (which names it has depends on its generator).
    const [someone] = await demoHost.cliJson<CliPatient[]>(['search', 's', '--limit', '1', '--json']);
    expect(someone).toBeDefined();
    const prefix = someone!.name.slice(0, 2).toLowerCase();
    await checkIn.search.fill(prefix);
    await expect(checkIn.results).toBeVisible();
    await expect(checkIn.search).toHaveAttribute('aria-expanded', 'true');

    await checkIn.search.press('Escape');
    await expect(checkIn.results).toBeHidden();
    await expect(checkIn.search).toHaveAttribute('aria-expanded', 'false');
    await expect(checkIn.search).toHaveValue(prefix);

    await checkIn.search.press('Escape');
    await expect(checkIn.search).toHaveValue('');
    await expect(checkIn.search).toBeFocused();

    // ArrowDown brings a closed list back.
    await checkIn.search.fill(prefix);
    await checkIn.settledResults();
    await checkIn.search.press('Escape');
    await expect(checkIn.results).toBeHidden();
    await checkIn.search.press('ArrowDown');
    await expect(checkIn.results).toBeVisible();
    await expect(checkIn.results.getByRole('option', { selected: true })).toHaveCount(1);
  });

  test('the highlighted result stays in sight in a long list', async ({ checkIn }) => {
    await checkIn.search.fill('m');
    const options = await checkIn.settledResults();
    expect(await options.count()).toBeGreaterThan(12);
    await checkIn.search.press('ArrowUp');
    const highlighted = checkIn.results.getByRole('option', { selected: true });
    await expect(highlighted).toHaveAttribute('id', (await options.last().getAttribute('id'))!);
    await expect(highlighted).toBeInViewport();
  });

  test('says so when no patient matches', async ({ checkIn, page }) => {
    await checkIn.search.fill('zzqqxx');
    await expect(page.getByText('No patients match')).toBeVisible();
    await expect(checkIn.options).toHaveCount(0);
  });

  test('runs under the Content-Security-Policy without violations', async ({ demoHost, page }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.goto(demoHost.appUrl);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await signIn(page, 'front_desk');
    const search = page.getByRole('combobox', { name: 'Search patients' });
    await search.fill('a');
    await page.getByRole('option').first().click();
    await expect(page.getByLabel('Total owed')).toBeVisible();
    expect(problems).toEqual([]);
  });
});

test.describe('API access', () => {
  test('refuses a request without the token', async ({ demoHost, request }) => {
    const url = new URL(API_PATH, demoHost.baseUrl).toString();
    const body = { method: 'getAppInfo', input: {} };

    const anonymous = await request.post(url, { data: body });
    expect(anonymous.status()).toBe(401);
    expect((await anonymous.json()) as unknown).toMatchObject({ ok: false });

    const wrongToken = await request.post(url, { data: body, headers: { Authorization: 'Bearer not-the-token' } });
    expect(wrongToken.status()).toBe(401);

    const allowed = await request.post(url, { data: body, headers: { Authorization: `Bearer ${demoHost.token}` } });
    expect(allowed.status()).toBe(200);
    expect((await allowed.json()) as unknown).toMatchObject({ ok: true, value: { host: 'browser' } });
  });
});
