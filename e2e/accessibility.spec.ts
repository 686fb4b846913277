import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, openManagerWorkspace, test } from './fixtures';

/** WCAG 2.1 A and AA rules: what axe-core can check automatically. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('accessibility (axe-core)', () => {
  test('the sign-in screen', async ({ demoHost, page }) => {
    await page.goto(demoHost.appUrl);
    await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  test('the desk with a patient open, and its payment dialog', async ({ demoHost, page }) => {
    await openApp(page, demoHost, 'front_desk');
    await page.getByRole('combobox', { name: 'Search patients' }).fill('a');
    await page.getByRole('option').first().click();
    await expect(page.getByLabel('Total owed')).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Alt+P');
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  for (const tab of ['Pending', 'Financial policy', 'Reports', 'Audit trail', 'Staff'] as const) {
    test(`the manager's ${tab} page`, async ({ demoHost, page }) => {
      await openManagerWorkspace(page, demoHost, tab);
      await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible();
      // Let the page's data arrive before checking it.
      await page.waitForLoadState('networkidle');
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await violations(page)).toEqual([]);
    });
  }
});
