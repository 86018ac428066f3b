// The keyboard: the run page's tabs are one tab stop moved with the arrows, a menu moves with the arrows, and a
// dialog keeps focus inside it until it closes.
import { trainedRun } from '../support/api';
import { expect, test } from '../support/fixtures';

test('tabs, menus and dialogs by keyboard', async ({ page, workbench }) => {
  const run = await trainedRun(workbench, { name: 'keys', epochs: 1 });
  await page.goto(`${workbench.origin}/#/runs/${run.id}`);

  // Tabs: only the chosen one is a tab stop; the arrows choose the next enabled one.
  const tabs = page.getByRole('tab');
  await expect(tabs.and(page.locator('[tabindex="0"]'))).toHaveCount(1);
  await page.getByRole('tab', { name: 'Curves' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Weights' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Weights' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=weights/);
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Details' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Curves' })).toBeFocused();
  await expect(tabs.and(page.locator('[tabindex="0"]'))).toHaveText('Curves');

  // A menu: opening it focuses its first item, the arrows walk it, Escape closes it and returns to its button.
  await page.getByTestId('export-run').focus();
  await page.keyboard.press('Enter');
  const items = page.getByRole('menu').getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(page.getByTestId('export-run')).toBeFocused();

  // A dialog: Tab never leaves it (the page behind is inert), Escape closes it and focus comes back.
  await page.getByRole('button', { name: 'Rename' }).focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // The run page's own Escape (leave a rename) did not fire under the dialog.
  await expect(page.getByTestId('run-title')).toHaveText('keys');
});
