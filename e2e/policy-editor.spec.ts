/**
 * The manager's financial policy editor: a setting typed wrong is explained in place; a valid
 * change is previewed against the practice's open items (how many verdicts change, which way);
 * publishing it with a note makes version 2, in force, and version 1 stays readable.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openManagerWorkspace, test } from './fixtures';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('financial policy editor', () => {
  // A preview evaluates every open item of the practice twice, on a machine shared with other tests.
  test.setTimeout(90_000);

  test('invalid value in place → valid change → preview → publish with a note → version 2 in the history', async ({ demoHost, page }) => {
    await openManagerWorkspace(page, demoHost, 'Financial policy');
    const settings = page.getByRole('form', { name: 'Financial policy settings' });
    const threshold = settings.getByRole('textbox', { name: 'Statement threshold' });
    const carriedTotal = settings.getByRole('textbox', { name: 'Statement carried balances once their total reaches' });
    const preview = settings.getByRole('button', { name: 'Preview changes' });
    await expect(threshold).toHaveValue('20.00');

    // Typed wrong: the message is at the field, and nothing can be previewed.
    await threshold.fill('20.005');
    await expect(threshold).toHaveAttribute('aria-invalid', 'true');
    await expect(threshold).toHaveAccessibleDescription(/Enter dollars and cents, like 20 or 20\.00 \(two decimals at most\)\./);
    await expect(preview).toBeDisabled();
    // Readable but against the policy's own rules: the schema's words, at the field.
    await threshold.fill('1500');
    await expect(threshold).toHaveAccessibleDescription(/A threshold above \$1,000 is not a nominal balance\./);
    const maxAge = settings.getByRole('textbox', { name: 'Statement carried balances once the oldest is this many days old' });
    await maxAge.fill('0');
    await expect(maxAge).toHaveAccessibleDescription(/At least 1 day\./);
    await maxAge.fill('180');

    // A valid change: $50 instead of $20 for both limits of carrying forward.
    await threshold.fill('50');
    await carriedTotal.fill('50.00');
    await expect(threshold).not.toHaveAttribute('aria-invalid', 'true');
    await expect(settings.getByRole('status')).toContainText('You changed 2 settings');
    await expect(settings.getByRole('status')).toContainText('Statement threshold: $20.00 → $50.00');
    await preview.click();

    const effect = page.getByRole('region', { name: 'What this change does' });
    await expect(effect.getByRole('status')).toHaveText(/^\d[\d,]* open items? changes? verdict, \$[\d,]+\.\d\d of open balances\.$/);
    const transitions = effect.getByRole('table', { name: 'Verdicts that change' });
    const toCarry = transitions.getByRole('row', { name: /^collect → may be carried forward \d/ });
    await expect(toCarry).toBeVisible();
    await effect.getByRole('button', { name: /^Examples: \d+ items?: collect → may be carried forward$/ }).click();
    const examples = effect.getByRole('table', { name: /of \d+ items?: collect → may be carried forward$/ });
    await expect(examples.getByRole('row')).not.toHaveCount(1);
    await expect(examples).toContainText('2.1 Small balances are carried forward');
    expect(await violations(page)).toEqual([]);

    // Publish needs a note; then version 2 is in force and listed.
    const publish = page.getByRole('form', { name: 'Publish version 2' });
    await publish.getByRole('button', { name: 'Publish version 2' }).click();
    await expect(publish.getByRole('textbox', { name: 'Note for the record' })).toHaveAccessibleDescription(/Say what changed and why/);
    await publish.getByRole('textbox', { name: 'Note for the record' }).fill('Carry balances under $50 forward: fewer statements for small amounts.');
    await publish.getByRole('button', { name: 'Publish version 2' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Version 2 published' })).toBeVisible();

    const history = page.getByRole('table', { name: 'Published versions of the financial policy, newest first' });
    const newest = history.getByRole('row').nth(1);
    await expect(newest).toContainText('2');
    await expect(newest).toContainText('In force');
    await expect(newest).toContainText('Carry balances under $50 forward');
    await expect(page.getByText('Version 2 is in force')).toBeVisible();
    // The editor starts over from version 2.
    await expect(threshold).toHaveValue('50.00');

    // Version 1 still opens, read-only, as it was.
    await history.getByRole('button', { name: 'Open version 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Financial policy, version 1' });
    await expect(dialog).toContainText('no longer in force');
    await expect(dialog).toContainText('under $20.00 is not sent a statement');
    await expect(dialog.getByRole('table', { name: 'Settings of version 1' }).getByRole('row', { name: /^Statement threshold \$20\.00$/ })).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // The desk's verdicts follow version 2 from now on, and say so.
    await page.getByRole('radiogroup', { name: 'Workspace' }).getByText('Check-in', { exact: true }).click();
    await page.getByRole('combobox', { name: 'Search patients' }).fill('a');
    await page.getByRole('option').first().click();
    await expect(page.getByText('Verdicts follow financial policy version 2.')).toBeVisible();
  });

  test('readable and usable at 420 px', async ({ demoHost, page }) => {
    await page.setViewportSize({ width: 420, height: 900 });
    await openManagerWorkspace(page, demoHost, 'Financial policy');
    const settings = page.getByRole('form', { name: 'Financial policy settings' });
    await settings.getByRole('textbox', { name: 'Small-balance write-off limit' }).waitFor();
    await settings.getByRole('switch', { name: 'Small-balance write-off' }).check();
    await settings.getByRole('textbox', { name: 'Small-balance write-off limit' }).fill('5');
    await settings.getByRole('button', { name: 'Preview changes' }).click();
    const effect = page.getByRole('region', { name: 'What this change does' });
    await expect(effect.getByRole('alert').filter({ hasText: 'routine waiver' })).toBeVisible();
    await expect(effect.getByRole('table', { name: 'Verdicts that change' }).getByRole('row', { name: /→ may be written off \(small balance\)/ }).first()).toBeVisible();
    // Nothing wider than the screen.
    expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(420);
    expect(await violations(page)).toEqual([]);
  });
});
