// Runs sweeps on the run manager: proposes trials as slots free up (up to run_cap), judges each trial at its epoch
// ends for early termination, and finishes the sweep when its last trial ends. Everything it decides from is in
// the store (spec and seed, trials, their per-epoch scores), so a sweep continues after a restart where it was.
import { isTerminal } from '../db/run-status';
import { type Experiment, NotFoundError, type Run, type Store, type SweepTrialRow } from '../db';
import type { RunEpochEvent } from '../../shared/api-contract';
import type { SweepState } from '../../shared/api-sweep-types';
import { describeCell } from '../../shared/grid-expand';
import { trialConfig } from '../../shared/sweep-corners';
import { type SweepSpec, sweepSpecSchema } from '../../shared/sweep-spec';
import { toLabel } from '../../shared/text-rules';
import { parseWith } from '../../shared/validation';
import type { RunManager } from '../runs/run-manager';
import { earlyVerdict } from './early-termination';
import { proposeTrial, sweepRunCap } from './propose';
import { curvesOf, epochMetric, observationsOf } from './trial-state';

export interface SweepRunnerOptions {
  /** A sweep changed (created, a trial proposed or ended, its state). */
  readonly onChange?: (sweepId: number) => void;
}

export class SweepRunner {
  private readonly specs = new Map<number, SweepSpec>();
  private readonly filling = new Set<number>();
  private readonly refill = new Set<number>();
  private readonly offs: (() => void)[] = [];
  private closing = false;

  constructor(
    private readonly store: Store,
    private readonly manager: RunManager,
    private readonly options: SweepRunnerOptions = {},
  ) {
    this.offs.push(manager.events.on('runEpoch', (e) => this.onEpoch(e)));
    this.offs.push(manager.events.on('runUpdated', (run) => isTerminal(run.status) && this.onRunEnded(run)));
  }

  /**
   * At boot, after the run manager started: continues every running sweep. Trials the last session left
   * interrupted (killed) or cancelled while closing continue (see continueTrial); then new trials fill the free slots.
   */
  start(): { resumed: number[] } {
    const ids = [...this.store.sweeps.withState('running'), ...this.store.sweeps.withState('interrupted')].sort((a, b) => a - b);
    for (const id of ids) {
      this.store.sweeps.setState(id, 'running');
      for (const t of this.store.sweeps.trials(id)) {
        const run = t.runId === null ? undefined : this.store.runs.get(t.runId);
        // Cut short: killed with the app, or cancelled by its closing (a trial that still ended on its own is done).
        const again = run !== undefined && (run.status === 'interrupted' || (t.requeue && (run.status === 'cancelled' || run.status === 'failed')));
        if (run && again) this.continueTrial(t, run);
        else if (t.requeue) this.store.sweeps.setRequeue(id, t.number, false);
      }
      this.fill(id);
    }
    return { resumed: ids };
  }

  /**
   * A trial cut short continues in place from its run's last checkpoint (same run id; its scores up to the checkpoint
   * stay, and early termination judges the later epochs as they come). Without a checkpoint, or with one that cannot
   * be read, it trains again from the start as a new run.
   */
  private continueTrial(t: SweepTrialRow, run: Run): void {
    const checkpoint = this.store.checkpoints.latest(run.id);
    if (checkpoint) {
      try {
        const resumed = this.manager.resume(run.id);
        this.store.sweeps.resumeTrialRun(t, checkpoint.epochsDone);
        return void this.manager.events.emit('runUpdated', resumed);
      } catch (err) {
        console.error(`sweep ${t.experimentId} trial ${t.number}: could not resume run ${run.id}, training it again:`, err);
      }
    }
    const fresh = this.store.runs.create({ config: run.config, name: run.name, experimentId: run.experimentId, parentRunId: run.id });
    this.store.sweeps.setTrialRun(t.experimentId, t.number, fresh.id);
    this.manager.events.emit('runUpdated', fresh);
    this.manager.enqueue(fresh.id);
  }

  /** Validates the spec (refused naming the field before anything is stored), stores the sweep and starts its first trials. */
  startSweep(input: unknown): Experiment {
    const spec = parseWith(sweepSpecSchema, input);
    const name = spec.name ?? toLabel(`${spec.method} ${Object.keys(spec.parameters).join(' × ')}`);
    const experiment = this.store.transaction(() => {
      const e = this.store.experiments.create({ kind: 'sweep', name, spec });
      this.store.sweeps.create(e.id);
      return e;
    });
    this.specs.set(experiment.id, spec);
    this.fill(experiment.id);
    this.changed(experiment.id);
    return this.store.experiments.get(experiment.id)!;
  }

  /** Stops proposing and cancels the sweep's queued and running trials; resolves once they have stopped. */
  async cancelSweep(id: number): Promise<void> {
    this.spec(id);
    if (this.store.sweeps.state(id) === 'running') this.store.sweeps.setState(id, 'cancelled');
    const runIds = this.store.sweeps.trials(id).flatMap((t) => (t.runId === null ? [] : [t.runId]));
    await Promise.all(runIds.map((r) => this.manager.cancel(r).catch(() => undefined)));
    this.changed(id);
  }

  /**
   * Before the run manager shuts down: trials in flight are marked to train again at the next start (closing
   * cancels them), running sweeps become `interrupted`, and nothing new is proposed.
   */
  close(): void {
    this.closing = true;
    for (const id of this.store.sweeps.withState('running')) {
      for (const t of this.store.sweeps.trials(id)) {
        const status = t.runId === null ? undefined : this.store.runs.get(t.runId)?.status;
        if (status === 'queued' || status === 'running') this.store.sweeps.setRequeue(id, t.number, true);
      }
      // Shown as such until the next start continues it.
      this.store.sweeps.setState(id, 'interrupted');
    }
    for (const off of this.offs.splice(0)) off();
  }

  /** The sweep's spec as stored (validated when it was started). @throws NotFoundError for no such sweep. */
  spec(id: number): SweepSpec {
    const known = this.specs.get(id);
    if (known) return known;
    const experiment = this.store.experiments.get(id);
    if (experiment?.kind !== 'sweep') throw new NotFoundError('sweep', id);
    const spec = parseWith(sweepSpecSchema, experiment.spec);
    this.specs.set(id, spec);
    return spec;
  }

  private onEpoch(e: RunEpochEvent): void {
    const trial = this.store.sweeps.trialOfRun(e.runId);
    if (!trial) return;
    const id = trial.experimentId;
    const spec = this.spec(id);
    const values = this.store.sweeps.setEpochValue(trial, e.record.epoch, epochMetric(e.record, spec.metric.name));
    const run = this.store.runs.get(e.runId);
    const epochsDone = e.record.epoch + 1;
    if (!this.closing && run?.status === 'running' && this.store.sweeps.state(id) === 'running' && epochsDone < run.config.epochs) {
      const trials = this.store.sweeps.trials(id).map((t) => (t.number === trial.number ? { ...t, epochValues: values } : t));
      const verdict = earlyVerdict(spec.early_terminate, spec.metric.goal, trial.number, epochsDone, curvesOf(trials, this.runsOf(id)));
      if (verdict) {
        this.store.sweeps.setPruned(id, trial.number, verdict.reason);
        void this.manager.cancel(e.runId, verdict.reason).catch((err: unknown) => console.error(`could not prune run ${e.runId}:`, err));
      }
    }
    this.changed(id);
  }

  private onRunEnded(run: Run): void {
    if (this.closing) return;
    const trial = this.store.sweeps.trialOfRun(run.id);
    if (!trial) return;
    this.fill(trial.experimentId);
    this.changed(trial.experimentId);
  }

  /** Proposes trials until the sweep has as many in flight as the manager runs at once, or reaches run_cap. */
  private fill(id: number): void {
    if (this.filling.has(id)) return void this.refill.add(id);
    this.filling.add(id);
    try {
      do {
        this.refill.delete(id);
        this.fillOnce(id);
      } while (this.refill.has(id));
    } finally {
      this.filling.delete(id);
    }
  }

  private fillOnce(id: number): void {
    if (this.closing || this.store.sweeps.state(id) !== 'running') return;
    const spec = this.spec(id);
    const trials = this.store.sweeps.trials(id);
    const runs = this.runsOf(id);
    const observations = observationsOf(trials, runs);
    let inFlight = observations.filter((o) => o.state === 'running').length;
    const cap = sweepRunCap(spec);
    const created: Run[] = [];
    for (let n = trials.length; n < cap && inFlight < this.manager.concurrency; n++, inFlight++) {
      const params = proposeTrial(spec, n, observations);
      const config = trialConfig(spec, params);
      const run = this.store.transaction(() => {
        const r = this.store.runs.create({
          config,
          name: toLabel(`#${n} ${describeCell(params, config.model)}`),
          experimentId: id,
        });
        this.store.sweeps.addTrial(id, n, params, r.id);
        // A sweep on workers whose app was restarted without --redis trains its next trials here.
        if (spec.placement === 'workers' && this.manager.hasWorkers()) this.store.remote.setPlacement(r.id, 'workers');
        return r;
      });
      observations.push({
        number: n,
        params,
        state: 'running',
        value: null,
        epochsDone: 0,
      });
      created.push(run);
    }
    for (const run of created) this.manager.events.emit('runUpdated', run);
    for (const run of created) this.manager.enqueue(run.id);
    if (inFlight === 0 && trials.length >= cap) this.setState(id, 'finished');
  }

  private setState(id: number, state: SweepState): void {
    this.store.sweeps.setState(id, state);
    this.changed(id);
  }

  private runsOf(id: number): Map<number, Run> {
    return new Map(this.store.runs.list({ experimentId: id }).map((r) => [r.id, r]));
  }

  private changed(id: number): void {
    this.options.onChange?.(id);
  }
}
