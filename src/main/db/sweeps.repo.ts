// Sweeps: each one's state and its trials (sampled parameters, per-epoch scores, the run that trains it).
// The experiment (kind 'sweep') holds the spec; what a restarted sampler needs is all here and in the runs.
import type { GridValue } from '../../shared/grid-expand';
import type { SweepState } from '../../shared/api-sweep-types';
import type { Db } from './open-database';
import { NotFoundError } from './errors';

export interface SweepTrialRow {
  readonly experimentId: number;
  readonly number: number;
  readonly params: Record<string, GridValue>;
  /** The trial's current run; null once that run was deleted. */
  readonly runId: number | null;
  /** The sweep's metric after each epoch (index 0 = epoch 1); null where the epoch had no such score. */
  readonly epochValues: (number | null)[];
  readonly prunedReason: string | null;
  /** The app closed while it was in flight: train it again at the next start. */
  readonly requeue: boolean;
}

type Raw = Omit<SweepTrialRow, 'params' | 'epochValues' | 'requeue'> & {
  params: string;
  epochValues: string;
  requeue: number;
};

const fromRaw = (r: Raw): SweepTrialRow => ({
  ...r,
  params: JSON.parse(r.params) as SweepTrialRow['params'],
  epochValues: JSON.parse(r.epochValues) as (number | null)[],
  requeue: r.requeue === 1,
});

const TRIAL =
  'SELECT experiment_id AS experimentId, number, params, run_id AS runId, epoch_values AS epochValues, pruned_reason AS prunedReason, requeue FROM sweep_trials';

function statements(db: Db) {
  const p = (sql: string) => db.prepare(sql);
  return {
    create: p('INSERT INTO sweeps (experiment_id) VALUES (?)'),
    state: p('SELECT state FROM sweeps WHERE experiment_id = ?').pluck(),
    setState: p('UPDATE sweeps SET state = ? WHERE experiment_id = ?'),
    withState: p('SELECT experiment_id FROM sweeps WHERE state = ? ORDER BY experiment_id').pluck(),
    addTrial: p('INSERT INTO sweep_trials (experiment_id, number, params, run_id) VALUES (?, ?, ?, ?)'),
    trials: p(`${TRIAL} WHERE experiment_id = ? ORDER BY number`),
    byRun: p(`${TRIAL} WHERE run_id = ?`),
    setRun: p('UPDATE sweep_trials SET run_id = ?, epoch_values = ?, pruned_reason = NULL, requeue = 0 WHERE experiment_id = ? AND number = ?'),
    resumeRun: p('UPDATE sweep_trials SET epoch_values = ?, pruned_reason = NULL, requeue = 0 WHERE experiment_id = ? AND number = ?'),
    setRequeue: p('UPDATE sweep_trials SET requeue = ? WHERE experiment_id = ? AND number = ?'),
    setValues: p('UPDATE sweep_trials SET epoch_values = ? WHERE experiment_id = ? AND number = ?'),
    setPruned: p('UPDATE sweep_trials SET pruned_reason = ? WHERE experiment_id = ? AND number = ?'),
  };
}

export class SweepsRepo {
  private readonly s: ReturnType<typeof statements>;

  constructor(db: Db) {
    this.s = statements(db);
  }

  /** Marks experiment `experimentId` (of kind 'sweep') as a running sweep. */
  create(experimentId: number): void {
    this.s.create.run(experimentId);
  }

  state(experimentId: number): SweepState | undefined {
    return this.s.state.get(experimentId) as SweepState | undefined;
  }

  setState(experimentId: number, state: SweepState): void {
    if (this.s.setState.run(state, experimentId).changes === 0) throw new NotFoundError('sweep', experimentId);
  }

  /** Experiment ids of the sweeps in `state`, oldest first. */
  withState(state: SweepState): number[] {
    return this.s.withState.all(state) as number[];
  }

  addTrial(experimentId: number, number: number, params: Readonly<Record<string, GridValue>>, runId: number): void {
    this.s.addTrial.run(experimentId, number, JSON.stringify(params), runId);
  }

  /** In proposal order. */
  trials(experimentId: number): SweepTrialRow[] {
    return (this.s.trials.all(experimentId) as Raw[]).map(fromRaw);
  }

  trialOfRun(runId: number): SweepTrialRow | undefined {
    const raw = this.s.byRun.get(runId) as Raw | undefined;
    return raw && fromRaw(raw);
  }

  /** The trial trains again in a new run (same parameters): its scores start over. */
  setTrialRun(experimentId: number, number: number, runId: number): void {
    this.s.setRun.run(runId, '[]', experimentId, number);
  }

  /** The trial's run continues from its checkpoint after `epochsDone` epochs: the scores up to it stay, later ones go. */
  resumeTrialRun(trial: SweepTrialRow, epochsDone: number): void {
    this.s.resumeRun.run(JSON.stringify(trial.epochValues.slice(0, epochsDone)), trial.experimentId, trial.number);
  }

  /** Records the metric after epoch `epoch` (0-based). */
  setEpochValue(trial: SweepTrialRow, epoch: number, value: number | null): (number | null)[] {
    const values = [...trial.epochValues];
    while (values.length < epoch) values.push(null);
    values[epoch] = value !== null && Number.isFinite(value) ? value : null;
    this.s.setValues.run(JSON.stringify(values), trial.experimentId, trial.number);
    return values;
  }

  /** Marks (or unmarks) a trial to train again at the next start. */
  setRequeue(experimentId: number, number: number, requeue: boolean): void {
    this.s.setRequeue.run(requeue ? 1 : 0, experimentId, number);
  }

  setPruned(experimentId: number, number: number, reason: string): void {
    this.s.setPruned.run(reason, experimentId, number);
  }
}
