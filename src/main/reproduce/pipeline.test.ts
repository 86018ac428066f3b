// The scheduler on a fake workbench: queue order, waiting on needed experiments, skipping, labels, cancelling.
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/api-types';
import type { ExperimentDef, ExperimentId } from './experiment-types';
import type { Call } from '../../shared/api-dispatch';
import { ExperimentPipeline, sessionTag } from './pipeline';
import { quickScale } from './scale';

/** A workbench that "trains" each run until `finish(id)` (or at once with `auto`), and logs every call. */
function fakeBackend(auto = true) {
  const log: string[] = [];
  const pending = new Map<number, () => void>();
  let nextId = 1;
  const summary = (id: number, name: string) => ({ id, name, config: { lr: id }, status: 'queued' }) as unknown as RunSummary;
  const call = (async (name: string, input: Record<string, unknown>) => {
    switch (name) {
      case 'startGrid': {
        const runs = [summary(nextId++, 'cell'), summary(nextId++, 'cell')];
        log.push(`grid ${(input.spec as { name: string } | undefined)?.name ?? input.name}: ${runs.map((r) => r.id)}`);
        return { grid: { id: 100 + runs[0]!.id }, runs };
      }
      case 'startRun': {
        const r = summary(nextId++, String(input.name ?? 'run'));
        log.push(`run ${input.name}: ${r.id}`);
        return r;
      }
      case 'renameRun':
      case 'tagRun':
        log.push(`${name} ${input.id} ${input.name ?? input.tag}`);
        return summary(input.id as number, 'x');
      case 'getRun':
        return { ...summary(input.id as number, 'x'), status: 'completed' };
      case 'getGrid':
        return { id: input.id, cells: [] };
      case 'cancelRun':
        log.push(`cancel ${input.id}`);
        pending.get(input.id as number)?.();
        return summary(input.id as number, 'x');
    }
    throw new Error(`unexpected call ${name}`);
  }) as unknown as Call;
  const waitFor = (id: number) => new Promise<void>((resolve) => (auto ? setTimeout(resolve, 1) : pending.set(id, resolve)));
  return { call, waitFor, log, finish: (id: number) => pending.get(id)?.() };
}

const def = (id: ExperimentId, needs: ExperimentId[], kind: 'grid' | 'runs' = 'runs', fails = false): ExperimentDef => ({
  id,
  number: 1,
  title: id,
  reportSection: '',
  needs,
  plan: (_scale, done) => {
    if (fails) throw new Error(`cannot plan ${id}`);
    const seen = needs.map((n) => `${n}:${done.get(n)?.runs.length}`).join(',');
    return kind === 'grid' ? { kind, spec: { name: id } as never, notes: [seen] } : { kind, configs: [{ name: id } as never], notes: [seen] };
  },
  runName: () => `${id} run`,
});

describe('ExperimentPipeline', () => {
  it('queues in the given order, waits for what an experiment needs, and reads the results back', async () => {
    const b = fakeBackend();
    const defs = [def('stage1', [], 'grid'), def('cnn', []), def('stage2', ['stage1'], 'grid')];
    const done = await new ExperimentPipeline(b, quickScale(), defs, ['cnn', 'stage1', 'stage2'], sessionTag('t')).run();
    expect(b.log.filter((l) => l.startsWith('grid') || l.startsWith('run'))).toEqual(['run cnn: 1', 'grid stage1: 2,3', 'grid stage2: 4,5']);
    expect(done.get('stage2')!.notes).toEqual(['stage1:2']);
    expect(done.get('stage1')!.runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(done.get('cnn')!.grid).toBeNull();
  });

  it('names each run for the report and tags it with the reproduction, the experiment and the session', async () => {
    const b = fakeBackend();
    await new ExperimentPipeline(b, quickScale(), [def('cnn', [])], ['cnn'], sessionTag('t')).run();
    expect(b.log.slice(1)).toEqual(['renameRun 1 cnn run', 'tagRun 1 reproduce', 'tagRun 1 reproduce:cnn', 'tagRun 1 reproduce@t']);
  });

  it('skips an experiment whose plan fails, and still runs the rest', async () => {
    const b = fakeBackend();
    const defs = [def('stage1', [], 'grid', true), def('stage2', ['stage1'], 'grid', true), def('cnn', [])];
    const done = await new ExperimentPipeline(b, quickScale(), defs, ['stage1', 'stage2', 'cnn'], sessionTag('t')).run();
    expect(done.get('stage1')!.skipped).toBe('cannot plan stage1');
    expect(done.get('stage2')!.skipped).toBe('cannot plan stage2');
    expect(done.get('cnn')!.runs).toHaveLength(1);
  });

  it('refuses a need that names no experiment', () => {
    expect(() => new ExperimentPipeline(fakeBackend(), quickScale(), [def('stage2', ['stage1'])], ['stage2'], 't')).toThrow(/unknown experiment "stage1"/);
  });

  it('cancels every submitted run and queues nothing after', async () => {
    const b = fakeBackend(false);
    const pipeline = new ExperimentPipeline(b, quickScale(), [def('stage1', [], 'grid'), def('stage2', ['stage1'], 'grid')], ['stage1', 'stage2'], 't');
    const running = pipeline.run();
    await new Promise((r) => setTimeout(r, 10));
    await pipeline.cancel();
    const done = await running;
    expect(b.log.filter((l) => l.startsWith('cancel'))).toEqual(['cancel 1', 'cancel 2']);
    expect(done.get('stage2')!.skipped).toBe('the reproduction was cancelled');
  });
});
