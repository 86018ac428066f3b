// Runs one sweep to the end in a fresh workbench on a temporary data folder, for the measurement scripts.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { SweepDetail } from '../../src/shared/api-sweep-types';
import { sweepSpecSchema, type SweepSpecInput } from '../../src/shared/sweep-spec';
import { createWorkbench } from '../../src/main/workbench/create-workbench';

export interface SweepMeasurement {
  readonly detail: SweepDetail;
  readonly wallSeconds: number;
  /** The 1-minute load average before and after (the machine is shared). */
  readonly load: readonly [number, number];
}

export async function runSweep(spec: SweepSpecInput, options: { concurrency: number; onTrial?: (line: string) => void }): Promise<SweepMeasurement> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nnwb-sweep-measure-'));
  const wb = createWorkbench({
    dataDir: dir,
    mode: 'cli',
    concurrency: options.concurrency,
  });
  const loadBefore = loadavg()[0]!;
  const t0 = performance.now();
  try {
    const { id } = await wb.startSweep(sweepSpecSchema.parse(spec));
    const seen = new Set<number>();
    for (;;) {
      const detail = await wb.getSweep({ id });
      for (const t of detail.trials) {
        if (seen.has(t.number) || !['completed', 'pruned', 'failed', 'diverged'].includes(t.run.status)) continue;
        seen.add(t.number);
        options.onTrial?.(
          `  #${t.number} ${t.run.name}: ${t.run.status} ${t.value?.toFixed(4) ?? '–'}${t.prunedReason ? ` (${t.prunedReason})` : ''}${t.run.status === 'failed' ? ` [${t.run.error}]` : ''}`,
        );
      }
      if (detail.state !== 'running')
        return {
          detail,
          wallSeconds: (performance.now() - t0) / 1000,
          load: [loadBefore, loadavg()[0]!],
        };
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await wb.close({ keepQueued: false });
    rmSync(dir, { recursive: true, force: true });
  }
}
