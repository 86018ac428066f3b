// Screenshots of every page, light and dark, at 1024 and 1920 wide, on the tiny fixture with real runs, for a person
// to look at: `node --import tsx scripts/screens.ts` after `npm run build:renderer`. SCREENS=dir (default /tmp/screens),
// ONLY=regex of page names, KEEP=1 serves the data on until SIGTERM (to look closer).
import { chromium, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { call, finished, tinyRunConfig, TINY_CNN } from '../e2e/support/api';
import { chromiumArgs, findBrowser, runningAsRoot } from '../e2e/support/browser';
import { TINY_DATASET } from '../e2e/support/paths';
import { startWorkbenchServer } from '../e2e/support/web-server';

const OUT = process.env.SCREENS ?? '/tmp/screens';
const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
const HEIGHT = 900;

async function main(): Promise<void> {
  const server = await startWorkbenchServer();
  console.log('server', server.url, server.dataDir);
  try {
    const repro = process.env.NO_REPRO ? null : await call(server, 'startReproduction', { scale: 'quick', dataset: { name: 'folder', path: TINY_DATASET } });
    const mlp = await call(server, 'startRun', tinyRunConfig({ epochs: 4, name: 'MLP 32 relu momentum' }));
    const cnn = await call(server, 'startRun', tinyRunConfig({ model: TINY_CNN, optimizer: { type: 'adam' }, lr: 0.001, epochs: 3, name: 'small CNN adam' }));
    const long = await call(
      server,
      'startRun',
      tinyRunConfig({ lr: 0.02, epochs: 3, name: 'a rather long run name that says what the experiment was about, lr 0.02 seed 1' }),
    );
    const seed2 = await call(server, 'startRun', tinyRunConfig({ seed: 2, epochs: 3, name: 'MLP seed 2' }));
    const diverged = await call(server, 'startRun', tinyRunConfig({ optimizer: { type: 'sgd' }, lr: 10, epochs: 2, name: 'sgd lr 10' }));
    const { grid } = await call(server, 'startGrid', {
      name: 'lr × l2',
      base: tinyRunConfig({ epochs: 2 }),
      parameters: { lr: { values: [0.01, 0.05] }, l2: { values: [0, 0.001] } },
    });
    await finished(server, [mlp.id, cnn.id, long.id, seed2.id], 300_000);
    await call(server, 'tagRun', { id: mlp.id, tag: 'baseline' });
    await finished(
      server,
      (await call(server, 'getGrid', { id: grid.id })).cells.map((c) => c.run.id),
      300_000,
    );
    await until(async () => !['queued', 'running'].includes((await call(server, 'getRun', { id: diverged.id })).status));
    // The reproduction's runs done too, so no page is taken while they finish (and the reproduction shows its report).
    if (repro) await until(async () => !['running', 'writing'].includes((await call(server, 'listReproductions'))[0]?.status ?? ''));
    // One still training while the pages are taken.
    const live = await call(server, 'startRun', tinyRunConfig({ model: TINY_CNN, batchSize: 8, epochs: 1000, name: 'live run' }));
    const ids = [mlp.id, cnn.id, long.id, seed2.id];
    const pages: [string, string][] = [
      ['runs', '#/runs'],
      ...['curves', 'weights', 'histograms', 'confusion', 'draw', 'details'].map((t) => [`run-mlp-${t}`, `#/runs/${mlp.id}?tab=${t}`] as [string, string]),
      ...['curves', 'weights', 'histograms', 'confusion'].map((t) => [`run-cnn-${t}`, `#/runs/${cnn.id}?tab=${t}`] as [string, string]),
      ['run-diverged', `#/runs/${diverged.id}`],
      ['run-live', `#/runs/${live.id}`],
      ['new-run', '#/runs/new'],
      ['grids', '#/grids'],
      ['grid', `#/grids/${grid.id}`],
      ['new-grid', '#/grids/new'],
      ['compare', `#/compare?ids=${ids.join(',')}`],
      ['compare-empty', '#/compare'],
      ['side-by-side', `#/side-by-side?ids=${[mlp.id, cnn.id, seed2.id].join(',')}`],
      ['side-by-side-confusion', `#/side-by-side?ids=${[mlp.id, cnn.id, seed2.id].join(',')}&show=confusion`],
      ['reproduce', '#/reproduce'],
      ['not-found', '#/nowhere'],
    ];
    const found = findBrowser({ playwrightPath: () => chromium.executablePath() })!;
    const browser = await chromium.launch({ executablePath: found.path, args: chromiumArgs(runningAsRoot()) });
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [1024, 1920]) {
        const context = await browser.newContext({ viewport: { width, height: HEIGHT }, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(server.url);
        await page.waitForSelector('[data-testid="nav-runs"]');
        for (const [name, hash] of pages) {
          if (only && !only.test(name)) continue;
          await shoot(page, `${server.origin}/${hash}`, `${OUT}/${name}-${scheme}-${width}.png`);
        }
        await context.close();
      }
    }
    await browser.close();
    if (repro) writeFileSync(`${OUT}/repro-status.txt`, JSON.stringify((await call(server, 'listReproductions'))[0]?.status));
    if (process.env.KEEP) {
      console.log(`KEEP: serving ${server.url} until SIGTERM`);
      await new Promise((resolve) => process.once('SIGTERM', resolve));
    }
    await call(server, 'cancelRun', { id: live.id }).catch(() => undefined);
  } finally {
    await server.stop();
  }
}

/** Polls `done` every second. A reset connection counts as "not yet": a busy server (writing a report's figures) can
 * drop a kept-alive socket just as the next poll reuses it. */
async function until(done: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await done().catch((err: Error) => (console.log(`poll: ${err.message}`), false)))) {
    if (Date.now() > end) throw new Error(`not done within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The whole page: the window grows to the height of the scrolling main column, then shrinks back. */
async function shoot(page: Page, url: string, file: string): Promise<void> {
  const width = page.viewportSize()!.width;
  // A fresh load each time: a hash change alone can leave the last page on screen while a busy machine loads the next.
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('main h1')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(() => undefined);
  await page.waitForTimeout(1500); // charts animate in
  // A string, as scripts/ compile without the DOM's types.
  const height = Number(await page.evaluate('document.querySelector("main")?.scrollHeight ?? 0'));
  await page.setViewportSize({ width, height: Math.min(Math.max(HEIGHT, height), 6000) });
  await page.waitForTimeout(500); // charts follow their width
  await page.screenshot({ path: file });
  await page.setViewportSize({ width, height: HEIGHT });
  console.log(file);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
