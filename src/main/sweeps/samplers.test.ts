// The three search methods: seeded determinism asserted, and TPE's behaviour on a known objective.
import { describe, expect, it } from 'vitest';
import { sweepSpecSchema, type SweepSpecInput } from '../../shared/sweep-spec';
import { tinyConfig } from '../../shared/testing/configs';
import type { Observation } from './observations';
import { proposeTrial } from './propose';
import { stage1Accuracy, STAGE1_PARAMETERS } from './testing/stage1-objective';

const { lr: _lr, l2: _l2, ...base } = tinyConfig();
const baseStage1 = { ...base, model: { input: [1, 28, 28], layers: [{ type: 'flatten' }, { type: 'linear', units: 128 }, { type: 'relu' }, { type: 'linear', units: 64 }, { type: 'relu' }, { type: 'linear', units: 10 }] } };

const spec = (s: Partial<SweepSpecInput>) => sweepSpecSchema.parse({ method: 'random', run_cap: 30, base: baseStage1, parameters: STAGE1_PARAMETERS, ...s });

/** Runs a sweep against `objective` one trial at a time, as the runner would; returns every trial's params and score. */
function simulate(s: ReturnType<typeof spec>, budget: number, objective = stage1Accuracy): Observation[] {
  const obs: Observation[] = [];
  for (let n = 0; n < budget; n++) {
    const params = proposeTrial(s, n, obs);
    obs.push({ number: n, params, state: 'complete', value: objective(params), epochsDone: 5 });
  }
  return obs;
}

const best = (obs: readonly Observation[]) => Math.max(...obs.map((o) => o.value!));
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('proposeTrial', () => {
  it('grid: the cells in expansion order', () => {
    const s = spec({ method: 'grid', run_cap: undefined, parameters: { lr: { values: [0.1, 0.01] }, l2: { values: [0, 0.001] } } });
    expect([0, 1, 2, 3].map((n) => proposeTrial(s, n, []))).toEqual([
      { lr: 0.1, l2: 0 },
      { lr: 0.1, l2: 0.001 },
      { lr: 0.01, l2: 0 },
      { lr: 0.01, l2: 0.001 },
    ]);
  });

  it('random: the same seed gives the same trials, another seed others; values stay in their domains', () => {
    const a = simulate(spec({ seed: 7 }), 20).map((o) => o.params);
    expect(simulate(spec({ seed: 7 }), 20).map((o) => o.params)).toEqual(a);
    expect(simulate(spec({ seed: 8 }), 20).map((o) => o.params)).not.toEqual(a);
    for (const p of a) {
      expect(p.lr).toBeGreaterThanOrEqual(0.0001);
      expect(p.lr).toBeLessThanOrEqual(0.01);
      expect([64, 128]).toContain(p['model.layers.1.units']);
    }
    // Log-uniform: about half the draws below the geometric middle 1e-3.
    const low = simulate(spec({ seed: 3, run_cap: 400 }), 400).filter((o) => Number(o.params.lr) < 0.001).length;
    expect(low).toBeGreaterThan(160);
    expect(low).toBeLessThan(240);
  });

  it('random: int_uniform and q_uniform give integers and multiples of q within the bounds', () => {
    const s = spec({ parameters: { lr: { value: 0.1 }, batchSize: { distribution: 'int_uniform', min: 8, max: 12 }, l2: { distribution: 'q_uniform', min: 0, max: 0.01, q: 0.0025 } } });
    const obs = simulate(s, 60, () => 0);
    expect(new Set(obs.map((o) => o.params.batchSize))).toEqual(new Set([8, 9, 10, 11, 12]));
    expect(new Set(obs.map((o) => o.params.l2))).toEqual(new Set([0, 0.0025, 0.005, 0.0075, 0.01]));
  });

  it('bayes: the same seed and observations give the same trials; start-up trials are the random ones', () => {
    const s = spec({ method: 'bayes', bayes: { startup_trials: 5 }, seed: 11 });
    const a = simulate(s, 20);
    expect(simulate(s, 20)).toEqual(a);
    expect(a.slice(0, 5).map((o) => o.params)).toEqual(simulate(spec({ seed: 11 }), 5).map((o) => o.params));
    // From the same observations, the proposal is the same (what a restarted sweep relies on).
    expect(proposeTrial(s, 12, a.slice(0, 12))).toEqual(a[12]!.params);
  });

  it('bayes: after the start-up, TPE proposes near the good trials', () => {
    // One clear optimum: lr near 0.003 (log space), hidden 128.
    const objective = (p: Record<string, unknown>) => -Math.abs(Math.log10(Number(p.lr)) - Math.log10(0.003)) + (p['model.layers.1.units'] === 128 ? 0.2 : 0);
    const obs = simulate(spec({ method: 'bayes', bayes: { startup_trials: 8 }, seed: 2 }), 40, objective);
    const late = obs.slice(25);
    const near = late.filter((o) => Math.abs(Math.log10(Number(o.params.lr)) - Math.log10(0.003)) < 0.3).length;
    expect(near / late.length).toBeGreaterThan(0.5);
    expect(late.filter((o) => o.params['model.layers.1.units'] === 128).length / late.length).toBeGreaterThan(0.6);
  });

  it("bayes beats random on the report's stage-1 space with the same budget, on average over seeds", () => {
    // The objective is the report's measured Table 2, interpolated (see testing/stage1-objective.ts).
    const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
    const budget = 15;
    const bayes = seeds.map((seed) => best(simulate(spec({ method: 'bayes', bayes: { startup_trials: 5 }, seed }), budget)));
    const random = seeds.map((seed) => best(simulate(spec({ seed }), budget)));
    console.log(`stage-1 surrogate, ${budget} trials, ${seeds.length} seeds: bayes mean best ${mean(bayes).toFixed(4)}, random ${mean(random).toFixed(4)}`);
    expect(mean(bayes)).toBeGreaterThan(mean(random));
    expect(bayes.filter((b, i) => b >= random[i]!).length).toBeGreaterThanOrEqual(12);
  });
});
