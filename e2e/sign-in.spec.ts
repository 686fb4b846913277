import type { Page } from '@playwright/test';
import { invoke } from './desk-api';
import { expect, openApp, signIn, test } from './fixtures';

/** Sign-in, roles and the lock, as staff meet them. */
test.describe('sign-in and lock', () => {
  test('a front-desk user sees the desk only, and the core refuses them a manager action', async ({ demoHost, page }) => {
    await openApp(page, demoHost, 'front_desk');
    await expect(page.getByRole('combobox', { name: 'Search patients' })).toBeVisible();
    await expect(page.getByText('Dana Desk')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Manager' })).toHaveCount(0);
    await expect(invoke(demoHost, 'listUsers', {}, 'front_desk')).rejects.toMatchObject({ code: 'forbidden' });
  });

  test('a wrong password is refused in words, and nothing behind the form shows', async ({ demoHost, page }) => {
    await page.goto(demoHost.appUrl);
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByRole('textbox', { name: 'User name', exact: true }).fill('desk');
    await form.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('The user name or password is not right');
    await expect(page.getByRole('combobox', { name: 'Search patients' })).toHaveCount(0);
  });

  test('Alt+L locks at once: the patient disappears until someone signs in again', async ({ demoHost, page }) => {
    await openApp(page, demoHost, 'front_desk');
    await openFirstPatient(page);
    await page.keyboard.press('Alt+L');
    await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('Locked. Sign in to go on.')).toBeVisible();
    await expect(page.getByLabel('Total owed')).toHaveCount(0);
    await signIn(page, 'front_desk');
    await expect(page.getByRole('combobox', { name: 'Search patients' })).toHaveValue('');
    await expect(page.getByLabel('Total owed')).toHaveCount(0);
  });

  test('after 5 minutes without use the app locks itself', async ({ demoHost, page }) => {
    await page.clock.install();
    await openApp(page, demoHost, 'front_desk');
    await openFirstPatient(page);
    await page.clock.fastForward('04:00');
    await expect(page.getByLabel('Total owed')).toBeVisible();
    await page.clock.fastForward('01:01');
    await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('Locked after a while without use')).toBeVisible();
    await expect(page.getByLabel('Total owed')).toHaveCount(0);
  });
});

async function openFirstPatient(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Search patients' }).fill('a');
  await page.getByRole('option').first().click();
  await expect(page.getByLabel('Total owed')).toBeVisible();
}
