// The desktop app: the built Electron app (its workbench service and training runs in utility processes) opens on
// the data folder by the CLI's rule, trains a run on the tiny fixture from the form and shows it completed.
// Skips, saying why, where the Electron binary, a display or Chromium's sandbox is missing (see electron-app.ts).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, type Page, test } from '@playwright/test';
import type { ApiBridge } from '../../src/shared/api-bridge';
import { electronArgs, electronLaunchBlocker } from '../support/electron-app';
import { ROOT } from '../support/paths';
import { startTinyRunFromForm } from '../support/ui';

test.beforeEach(() => {
  const reason = electronLaunchBlocker();
  test.skip(reason !== null, `Electron app not launchable here: ${reason}`);
});

/** The data folder the app says it opened (through the preload bridge, as the renderer asks). */
const openedFolder = (page: Page) =>
  page.evaluate(async () => {
    const info = await (globalThis as unknown as { api: ApiBridge }).api.getAppInfo();
    return info.ok ? { mode: info.value.mode, dataDir: info.value.dataDir } : null;
  });

test('opens on the folder it is given, trains a run from the form and shows it completed', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nnwb-electron-'));
  const app = await electron.launch({ args: electronArgs(`--data-dir=${dataDir}`), cwd: ROOT });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle('NN Workbench');
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(window.getByTestId('empty-state')).toContainText('No runs yet');
    // The sandboxed renderer talks through the preload bridge only.
    expect(await window.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await openedFolder(window)).toEqual({ mode: 'electron', dataDir });
    expect(existsSync(path.join(dataDir, 'workbench.sqlite'))).toBe(true);

    const id = await startTinyRunFromForm(window, { name: 'desktop tiny', epochs: 2 });
    await expect(window.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    await window.getByTestId('nav-runs').click();
    await expect(window.getByTestId(`run-row-${id}`)).toContainText('desktop tiny');
    await expect(window.getByTestId(`run-row-${id}`)).toContainText('Completed');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("without --data-dir opens the folder the CLI and web mode use, not Electron's userData", async () => {
  test.skip(process.platform !== 'linux', "elsewhere the default folder is the user's own (no XDG_DATA_HOME to point at a temporary one)");
  // XDG_DATA_HOME stands in for ~/.local/share, so the user's own folder is not touched.
  const xdg = mkdtempSync(path.join(tmpdir(), 'nnwb-electron-xdg-'));
  const env = { ...process.env, XDG_DATA_HOME: xdg } as Record<string, string>;
  delete env.NNWB_DATA_DIR;
  const app = await electron.launch({ args: electronArgs(), cwd: ROOT, env });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const dataDir = path.join(xdg, 'nn-workbench');
    expect(await openedFolder(window)).toEqual({ mode: 'electron', dataDir });
    expect(existsSync(path.join(dataDir, 'workbench.sqlite'))).toBe(true);
  } finally {
    await app.close();
    rmSync(xdg, { recursive: true, force: true });
  }
});
