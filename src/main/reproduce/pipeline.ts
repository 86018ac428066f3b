// Runs the experiments through the workbench: each is queued once the experiments it needs have finished,
// every run goes through the same service and queue as the app's, and each result is read back whole.
import type { Call } from '../../shared/api-dispatch';
import { REPRODUCE_TAG } from '../../shared/api-reproduction-types';
import { FINAL_STATUSES, type RunSummary } from '../../shared/api-types';
import type { DoneExperiments, ExperimentDef, ExperimentId, ExperimentRuns } from './experiment-types';
import type { ReproduceScale } from './scale';

export interface ReproduceBackend {
  readonly call: Call;
  /** Resolves once the run has stopped (completed, failed or cancelled). */
  waitFor(runId: number): Promise<unknown>;
}

export interface PipelineHooks {
  /** A line of progress for people. */
  log?(line: string): void;
  /** The experiment's runs are on the queue. */
  queued?(id: ExperimentId, runIds: readonly number[]): void;
  /** One of the experiment's runs stopped (completed, failed or cancelled). */
  runStopped?(id: ExperimentId, runId: number): void;
  /** Every run of the experiment stopped, or it was skipped. */
  finished?(result: ExperimentRuns): void;
}

export { REPRODUCE_TAG };
/** The tag of one experiment's runs, e.g. `reproduce:stage1`. */
export const experimentTag = (id: ExperimentId) => `${REPRODUCE_TAG}:${id}`;
/** The tag of one reproduction's runs, e.g. `reproduce@2025-03-01T14-05-09`: what `--report-only` reads back. */
export const sessionTag = (name: string) => `${REPRODUCE_TAG}@${name}`;

export class ExperimentPipeline {
  private readonly submitted: number[] = [];
  private cancelled = false;
  private finishedRuns = 0;

  constructor(
    private readonly backend: ReproduceBackend,
    private readonly scale: ReproduceScale,
    private readonly defs: readonly ExperimentDef[],
    private readonly order: readonly ExperimentId[],
    /** Tagged on every run besides REPRODUCE_TAG and the experiment's tag (see sessionTag). */
    private readonly session: string,
    private readonly hooks: PipelineHooks = {},
  ) {
    const known = new Set(defs.map((d) => d.id));
    for (const d of defs) for (const n of d.needs) if (!known.has(n)) throw new RangeError(`experiment "${d.id}" needs unknown experiment "${n}"`);
  }

  /** Queues every experiment as soon as its inputs are ready; resolves when all have finished. */
  async run(): Promise<Map<ExperimentId, ExperimentRuns>> {
    const done = new Map<ExperimentId, ExperimentRuns>();
    const pending = this.order.map((id) => this.defs.find((d) => d.id === id)).filter((d): d is ExperimentDef => d !== undefined);
    for (const d of this.defs) if (!pending.includes(d)) pending.push(d);
    const running = new Map<ExperimentId, Promise<ExperimentRuns>>();
    while (done.size < this.defs.length) {
      // Queue in order, awaiting each submission so the queue sees the runs in that order.
      for (const def of [...pending]) {
        if (!def.needs.every((n) => done.has(n))) continue;
        pending.splice(pending.indexOf(def), 1);
        const started = await this.submit(def, done);
        running.set(def.id, started.finished);
      }
      if (running.size === 0) throw new RangeError(`experiments ${pending.map((d) => d.id).join(', ')} wait on each other`);
      const result = await Promise.race(running.values());
      running.delete(result.id);
      done.set(result.id, result);
      this.hooks.finished?.(result);
    }
    return done;
  }

  /** Stops: cancels every queued or running run of this reproduction and queues nothing more. */
  async cancel(): Promise<void> {
    this.cancelled = true;
    await Promise.all(this.submitted.map((id) => this.backend.call('cancelRun', { id }).catch(() => undefined)));
  }

  private async submit(def: ExperimentDef, done: DoneExperiments): Promise<{ finished: Promise<ExperimentRuns> }> {
    const submittedAt = Date.now();
    const skipped = (reason: string) => ({
      finished: Promise.resolve<ExperimentRuns>({ id: def.id, grid: null, runs: [], notes: [], submittedAt, finishedAt: submittedAt, skipped: reason }),
    });
    if (this.cancelled) return skipped('the reproduction was cancelled');
    let plan;
    try {
      plan = def.plan(this.scale, done);
    } catch (err) {
      this.hooks.log?.(`experiment ${def.number} (${def.title}) skipped: ${(err as Error).message}`);
      return skipped((err as Error).message);
    }
    let runs: RunSummary[];
    let gridId: number | null = null;
    if (plan.kind === 'grid') {
      const started = await this.backend.call('startGrid', plan.spec);
      runs = [...started.runs];
      gridId = started.grid.id;
    } else {
      runs = [];
      for (const config of plan.configs) runs.push(await this.backend.call('startRun', config));
    }
    this.submitted.push(...runs.map((r) => r.id));
    // Cancelled while these were being queued: cancel() has not seen them.
    if (this.cancelled) await Promise.all(runs.map((r) => this.backend.call('cancelRun', { id: r.id }).catch(() => undefined)));
    for (const r of runs) await this.label(def, r);
    this.hooks.queued?.(
      def.id,
      runs.map((r) => r.id),
    );
    this.hooks.log?.(
      `experiment ${def.number} (${def.title}): ${runs.length} run${runs.length === 1 ? '' : 's'} queued (ids ${runs.map((r) => r.id).join(', ')})`,
    );
    const notes = plan.notes ?? [];
    const finished = (async (): Promise<ExperimentRuns> => {
      await Promise.all(runs.map((r) => this.backend.waitFor(r.id).then(() => this.reportRun(def, r.id))));
      const details = await Promise.all(runs.map((r) => this.backend.call('getRun', { id: r.id })));
      const grid = gridId === null ? null : await this.backend.call('getGrid', { id: gridId });
      this.hooks.log?.(`experiment ${def.number} (${def.title}) finished in ${((Date.now() - submittedAt) / 1000).toFixed(1)} s`);
      return { id: def.id, grid, runs: details, notes, submittedAt, finishedAt: Date.now(), skipped: null };
    })();
    // run() sees the first failure; later ones (the workbench closed under it) must not surface as unhandled.
    finished.catch(() => undefined);
    return { finished };
  }

  /** The report's name for the run, and the reproduction's tags. */
  private async label(def: ExperimentDef, run: RunSummary): Promise<void> {
    const name = def.runName(run.config);
    if (name !== run.name) await this.backend.call('renameRun', { id: run.id, name });
    for (const tag of [REPRODUCE_TAG, experimentTag(def.id), this.session]) await this.backend.call('tagRun', { id: run.id, tag });
  }

  private async reportRun(def: ExperimentDef, id: number): Promise<void> {
    this.hooks.runStopped?.(def.id, id);
    if (!this.hooks.log) return;
    const r = await this.backend.call('getRun', { id });
    this.finishedRuns++;
    const secs = r.startedAt !== null && r.finishedAt !== null ? ` in ${((r.finishedAt - r.startedAt) / 1000).toFixed(1)} s` : '';
    const score = r.final ? `, test ${(r.final.testAccuracy * 100).toFixed(2)} %` : r.error ? ` (${r.error.split('\n')[0]})` : '';
    const status = FINAL_STATUSES.includes(r.status) ? r.status : `${r.status}?`;
    this.hooks.log(`[${this.finishedRuns} done] run ${r.id} ${r.name} (exp. ${def.number}): ${status}${score}${secs}`);
  }
}
