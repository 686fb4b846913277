import { expect, test } from './fixtures';

test.use({ demo: { patients: 0, seed: 1 } });

/** A practice's own new store: the first person creates the manager account, then adds the desk. */
test('first run asks for the manager account, signs them in, and they add a front-desk account', async ({ demoHost, page }) => {
  await page.goto(demoHost.appUrl);
  const setup = page.getByRole('form', { name: 'First manager account' });
  await expect(setup).toBeVisible();
  await setup.getByRole('textbox', { name: 'Your name' }).fill('Alex Rivera');
  await setup.getByRole('textbox', { name: 'User name' }).fill('alex');
  await setup.getByRole('textbox', { name: 'Password', exact: true }).fill('first-manager-1');
  await setup.getByRole('textbox', { name: 'Password again' }).fill('first-manager-1');
  await setup.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByText('Alex Rivera')).toBeVisible();

  await page.getByRole('radiogroup', { name: 'Workspace' }).getByText('Manager', { exact: true }).click();
  await page.getByRole('tab', { name: 'Staff' }).click();
  const add = page.getByRole('form', { name: 'Add a staff account' });
  await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Sam Front');
  await add.getByRole('textbox', { name: 'User name' }).fill('sam');
  await add.getByRole('textbox', { name: 'First password' }).fill('sam-password-1');
  await add.getByRole('button', { name: 'Add account' }).click();
  await expect(add.getByRole('status')).toContainText('Sam Front can now sign in as “sam”');
  await expect(page.getByRole('table', { name: 'Staff accounts' }).getByRole('row')).toHaveCount(3);

  // A reload signs out (the session lives in the page's memory only); the setup form never returns.
  await page.reload();
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
});
