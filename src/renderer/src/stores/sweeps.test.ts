import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api';
import { flush, installFakeApi } from '../testing/fake-api';
import type { FakeSweeps } from '../testing/fake-sweeps';
import { useAppStore } from './app';
import { useSweepFormStore } from './sweep-form';
import { useSweepsStore, type SweepCalls } from './sweeps';

let fake: ReturnType<typeof installFakeApi>;
let sweeps: FakeSweeps;
beforeEach(() => {
  fake = installFakeApi();
  sweeps = fake.sweeps;
});
afterEach(() => vi.useRealTimers());

const spec = {
  method: 'random',
  base: {} as never,
  parameters: { lr: { distribution: 'uniform', min: 0.01, max: 0.1 } },
  metric: { name: 'test_accuracy', goal: 'maximize' },
  run_cap: 4,
  seed: 0,
} as const;

describe('useSweepsStore', () => {
  it('lists sweeps newest first and follows sweepUpdated', async () => {
    const store = useSweepsStore();
    await store.load();
    expect(store.loaded).toBe(true);
    await store.start({ ...spec, name: 'a' });
    await sweeps.calls.startSweep({ ...spec, name: 'b' });
    await flush();
    expect(store.sweeps.map((s) => s.name)).toEqual(['b', 'a']);
    sweeps.addTrial(1, { params: { lr: 0.05 }, value: 0.9, status: 'completed' });
    await flush();
    expect(store.sweeps.find((s) => s.id === 1)?.trialCount).toBe(1);
  });

  it('reads the open sweep again when a trial is added, pruned or trains an epoch', async () => {
    vi.useFakeTimers();
    const store = useSweepsStore();
    const started = await store.start(spec);
    await store.open(started.id);
    expect(store.detail?.trials).toEqual([]);
    sweeps.addTrial(started.id, { params: { lr: 0.05 }, value: 0.9, status: 'completed' });
    sweeps.addTrial(started.id, { params: { lr: 0.09 }, value: 0.11, status: 'pruned', epochsDone: 1, prunedReason: 'ASHA rung 0' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(store.detail?.trials.map((t) => [t.run.status, t.value, t.prunedReason])).toEqual([
      ['completed', 0.9, null],
      ['pruned', 0.11, 'ASHA rung 0'],
    ]);
    expect(store.detail?.bestValue).toBe(0.9);

    // An epoch of a trial's run: the store asks for the sweep again (its value moved).
    const getSweep = vi.spyOn(api() as unknown as SweepCalls, 'getSweep');
    const runId = store.detail!.trials[0]!.run.id;
    fake.emit({ event: 'runEpoch', payload: { runId, record: {} as never, hasSnapshot: false } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(getSweep).toHaveBeenCalledTimes(1);
    // A run of no open sweep does not.
    fake.emit({ event: 'runEpoch', payload: { runId: 1, record: {} as never, hasSnapshot: false } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(getSweep).toHaveBeenCalledTimes(1);
  });

  it('cancels, and says why a sweep cannot be opened', async () => {
    const store = useSweepsStore();
    const started = await store.start(spec);
    await store.cancel(started.id);
    expect(store.sweeps[0]?.state).toBe('cancelled');
    await store.open(99);
    expect(store.detailError).toMatch(/sweep 99 not found/);
  });
});

describe('useSweepFormStore', () => {
  it("starts the preset as the form shows it, with the user's dataset kept", async () => {
    useAppStore().datasets = [{ name: 'mnist', title: 'MNIST', available: true } as never];
    const form = useSweepFormStore();
    form.base.dataset = 'mnist';
    form.applyPreset('bayes-same-space');
    expect(form.settings.method).toBe('bayes');
    expect(form.rows.map((r) => [r.path, r.kind])).toEqual([
      ['lr', 'log_uniform_values'],
      ['model.layers.1.units', 'q_uniform'],
      ['l2', 'log_uniform_values'],
    ]);
    const started = await form.submit();
    expect(started?.name).toBe('Report space (bayes)');
    const sent = sweeps.started[0]!;
    expect(sent).toMatchObject({ method: 'bayes', run_cap: 12, bayes: { startup_trials: 5 }, metric: { name: 'test_accuracy', goal: 'maximize' } });
    expect(sent.parameters['model.layers.1.units']).toEqual({ distribution: 'q_uniform', min: 64, max: 128, q: 16 });
    expect(sent.base.epochs).toBe(5);
    expect(sent.base.dataset).toEqual({ name: 'mnist' });
  });

  it('starts nothing while a field is wrong, and shows each problem on its field', async () => {
    const form = useSweepFormStore();
    form.rows[0]!.min = '0';
    form.settings.runCap = '';
    form.settings.eta = '1';
    form.base.lr = 'fast';
    expect(await form.submit()).toBeNull();
    expect(sweeps.started).toEqual([]);
    expect(form.errors).toMatchObject({ 'rows.0.min': 'must be > 0 on a log scale', runCap: 'a whole number ≥ 1', eta: 'a whole number ≥ 2' });
    expect(Object.keys(form.baseErrors)).toContain('lr');
  });

  it('switching the method keeps the numbers: a grid gets ranges, and back', () => {
    const form = useSweepFormStore();
    form.setMethod('grid');
    expect(form.rows.map((r) => r.kind)).toEqual(['range', 'range']);
    expect(form.rows[0]).toMatchObject({ min: '0.0001', max: '0.3', log: true });
    form.setMethod('random');
    expect(form.rows[0]!.kind).toBe('log_uniform_values');
  });
});
