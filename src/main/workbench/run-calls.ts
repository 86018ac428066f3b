// The calls that create, change and remove runs and grids: the store for edits, the run manager for anything that trains.
import { PlacementSetting } from './placement-setting';
import type { CallInput, CallOutput } from '../../shared/api-contract';
import type { RunSummary } from '../../shared/api-types';
import { ConflictError } from '../../shared/api-wire';
import { isTerminal, type Store } from '../db';
import { forkConfig } from '../runs/derived-runs';
import { loadGrid } from '../runs/grid-runs';
import type { RunManager } from '../runs/run-manager';
import type { EventHub } from './event-hub';
import { requireGrid, requireRun } from './lookups';
import type { RunViews } from './run-views';
import type { TrainGate } from './train-gate';

export class RunCalls {
  constructor(
    private readonly store: Store,
    /** Null when the workbench was opened read-only (a CLI listing next to a running app). */
    private readonly manager: RunManager | null,
    private readonly views: RunViews,
    private readonly hub: EventHub,
    private readonly onDeleted: (runId: number) => void,
    private readonly gate: TrainGate,
    /** Where new runs train (getRunPlacement / setRunPlacement). */
    readonly placement: PlacementSetting = new PlacementSetting(null),
  ) {}

  listRuns(f: CallInput<'listRuns'>): CallOutput<'listRuns'> {
    if (f.gridId !== undefined && this.store.experiments.get(f.gridId)?.kind !== 'grid') return [];
    const runs = this.store.runs.list({
      status: f.status,
      tags: f.tags,
      search: f.text,
      experimentId: f.gridId,
      ids: f.ids,
      limit: f.limit,
      offset: f.offset,
    });
    return runs.map((r) => this.views.summary(r));
  }

  getRun({ id }: CallInput<'getRun'>): CallOutput<'getRun'> {
    return this.views.detail(requireRun(this.store, id));
  }

  // Runs are created only once the gate has found them trainable: a refused one leaves no row and no process.
  async startRun({ placement, ...config }: CallInput<'startRun'>): Promise<RunSummary> {
    const manager = this.trainer('start a run');
    const where = this.placement.resolve(placement);
    await this.gate.run(config);
    return this.views.summary(manager.startRun(config, { placement: where }));
  }

  async rerunRun({ id }: CallInput<'rerunRun'>): Promise<RunSummary> {
    const source = requireRun(this.store, id);
    const manager = this.trainer('re-run a run');
    await this.gate.run(source.config);
    return this.views.summary(manager.rerun(id, this.placement.current));
  }

  async forkRun({ id, overrides, fromEpoch, placement }: CallInput<'forkRun'>): Promise<RunSummary> {
    const source = requireRun(this.store, id);
    const manager = this.trainer('fork a run');
    const where = this.placement.resolve(placement);
    const { config, changes } = forkConfig(source, overrides);
    await this.gate.run(config, changes);
    return this.views.summary(fromEpoch === undefined ? manager.fork(id, overrides, where) : manager.forkFromEpoch(id, fromEpoch, overrides, where));
  }

  async resumeRun({ id }: CallInput<'resumeRun'>): Promise<RunSummary> {
    const source = requireRun(this.store, id);
    const manager = this.trainer('resume a run');
    await this.gate.run(source.config);
    return this.views.summary(manager.resume(id));
  }

  async extendRun({ id, epochs }: CallInput<'extendRun'>): Promise<RunSummary> {
    const source = requireRun(this.store, id);
    const manager = this.trainer('extend a run');
    await this.gate.run(source.config);
    return this.views.summary(manager.extend(id, epochs));
  }

  /** Resolves once the run has stopped; a finished run is returned as it is (the contract's no-op). */
  async cancelRun({ id }: CallInput<'cancelRun'>): Promise<RunSummary> {
    const run = requireRun(this.store, id);
    if (isTerminal(run.status)) return this.views.summary(run);
    return this.views.summary(await this.trainer('cancel a run').cancel(id));
  }

  async deleteRun({ id }: CallInput<'deleteRun'>): Promise<void> {
    const run = requireRun(this.store, id);
    if (!isTerminal(run.status)) await this.trainer('delete an active run').cancel(id);
    this.store.runs.delete(id);
    this.onDeleted(id);
    this.hub.emit({ event: 'runDeleted', payload: { id } });
    const experiment = this.store.experiments.get(run.experimentId);
    if (experiment?.kind === 'grid') this.hub.emit(() => ({ event: 'gridUpdated', payload: this.views.grid(experiment) }));
  }

  renameRun({ id, name }: CallInput<'renameRun'>): RunSummary {
    return this.edit(id, () => this.store.runs.rename(id, name));
  }

  tagRun({ id, tag }: CallInput<'tagRun'>): RunSummary {
    return this.edit(id, () => this.store.runs.tag(id, tag));
  }

  untagRun({ id, tag }: CallInput<'untagRun'>): RunSummary {
    return this.edit(id, () => this.store.runs.untag(id, tag));
  }

  setRunNotes({ id, notes }: CallInput<'setRunNotes'>): RunSummary {
    return this.edit(id, () => this.store.runs.setNotes(id, notes));
  }

  async startGrid(spec: CallInput<'startGrid'>): Promise<CallOutput<'startGrid'>> {
    const manager = this.trainer('start a grid');
    const where = this.placement.resolve(spec.placement);
    await this.gate.grid(spec);
    const { experiment, runs } = manager.startGrid(spec, where);
    return { grid: this.views.grid(experiment), runs: runs.map((r) => this.views.summary(r)) };
  }

  listGrids(): CallOutput<'listGrids'> {
    return this.store.experiments.list({ kind: 'grid' }).map((e) => this.views.grid(e));
  }

  getGrid({ id }: CallInput<'getGrid'>): CallOutput<'getGrid'> {
    requireGrid(this.store, id);
    const { experiment, cells } = loadGrid(this.store, id);
    return { ...this.views.grid(experiment), cells: cells.map((c) => ({ params: c.params, run: this.views.summary(c.run) })) };
  }

  async cancelGrid({ id }: CallInput<'cancelGrid'>): Promise<CallOutput<'cancelGrid'>> {
    const experiment = requireGrid(this.store, id);
    await this.trainer('cancel a grid').cancelGrid(id);
    return this.views.grid(experiment);
  }

  private edit(id: number, change: () => void): RunSummary {
    requireRun(this.store, id);
    change();
    const summary = this.views.summary(requireRun(this.store, id));
    this.hub.emit({ event: 'runUpdated', payload: summary });
    return summary;
  }

  private trainer(what: string): RunManager {
    if (!this.manager) throw new ConflictError(`cannot ${what}: this workbench was opened read-only (another process trains from this data folder)`);
    return this.manager;
  }
}
