// The desktop app: launches the built Electron app with a fresh data folder and shows the runs page.
// Skips, saying why, where the Electron binary or a display is missing (it cannot be downloaded everywhere).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ROOT } from '../support/paths';

const MAIN = path.join(ROOT, 'out', 'main', 'index.js');

function whyNot(): string | null {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return 'the Electron binary is not downloaded (node_modules/electron/path.txt is missing; run `npx install-electron --no` where the network allows)';
  const binary = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return `the Electron binary ${binary} is missing`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display ($DISPLAY is unset; run under xvfb-run)';
  if (!existsSync(MAIN)) return 'the app is not built (run `npm run build` first: out/main/index.js is missing)';
  return null;
}

test('the desktop app opens on the runs page', async () => {
  const reason = whyNot();
  test.skip(reason !== null, `Electron app not launchable here: ${reason}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nnwb-electron-'));
  const app = await electron.launch({ args: [MAIN, `--data-dir=${dataDir}`], cwd: ROOT });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle('NN Workbench');
    await expect(window.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(window.getByTestId('empty-state')).toContainText('No runs yet');
    // The sandboxed renderer talks through the preload bridge only.
    expect(await window.evaluate(() => typeof (window as unknown as { api?: unknown }).api)).toBe('object');
    expect(await window.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
