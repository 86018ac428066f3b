// The sweep calls: start (gated like a grid: nothing is stored for a sweep that could never train), list, detail,
// cancel; and the `sweepUpdated` events the sweep runner's changes become.
import type { CallInput, CallOutput } from '../../shared/api-contract';
import { ConflictError, NotFoundError } from '../../shared/api-wire';
import type { Experiment, Store } from '../db';
import type { RunManager } from '../runs/run-manager';
import { SweepRunner } from '../sweeps/sweep-runner';
import type { EventHub } from './event-hub';
import type { PlacementSetting } from './placement-setting';
import type { RunViews } from './run-views';
import { SweepViews } from './sweep-views';
import type { TrainGate } from './train-gate';

export class SweepCalls {
  /** Null when read-only: sweeps can be read, not run. */
  readonly runner: SweepRunner | null;
  private readonly views: SweepViews;

  constructor(
    private readonly store: Store,
    manager: RunManager | null,
    runViews: RunViews,
    private readonly hub: EventHub,
    private readonly gate: TrainGate,
    private readonly placement: PlacementSetting,
  ) {
    this.views = new SweepViews(store, runViews);
    this.runner = manager && new SweepRunner(store, manager, { onChange: (id) => this.announce(id) });
  }

  async startSweep(spec: CallInput<'startSweep'>): Promise<CallOutput<'startSweep'>> {
    const runner = this.trainer('start a sweep');
    // Stored with the spec, so its trials go on training there after a restart.
    const placement = this.placement.resolve(spec.placement);
    await this.gate.sweep(spec);
    return this.views.summary(runner.startSweep({ ...spec, placement }));
  }

  listSweeps(): CallOutput<'listSweeps'> {
    return this.store.experiments.list({ kind: 'sweep' }).map((e) => this.views.summary(e));
  }

  getSweep({ id }: CallInput<'getSweep'>): CallOutput<'getSweep'> {
    return this.views.detail(this.require(id));
  }

  async cancelSweep({ id }: CallInput<'cancelSweep'>): Promise<CallOutput<'cancelSweep'>> {
    const experiment = this.require(id);
    await this.trainer('cancel a sweep').cancelSweep(id);
    return this.views.summary(experiment);
  }

  private announce(id: number): void {
    this.hub.emit(() => {
      const experiment = this.store.experiments.get(id);
      return experiment ? { event: 'sweepUpdated', payload: this.views.summary(experiment) } : undefined;
    });
  }

  private require(id: number): Experiment {
    const experiment = this.store.experiments.get(id);
    if (!experiment || experiment.kind !== 'sweep') throw new NotFoundError(`sweep ${id} not found`);
    return experiment;
  }

  private trainer(what: string): SweepRunner {
    if (!this.runner) throw new ConflictError(`cannot ${what}: this workbench was opened read-only (another process trains from this data folder)`);
    return this.runner;
  }
}
