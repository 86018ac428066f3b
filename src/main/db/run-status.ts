// The run lifecycle: queued → running → completed | diverged | failed | cancelled | interrupted | pruned, and queued → cancelled.
// `diverged`: training blew up (the trainer's judgement); `failed`: something broke (a crash, an error);
// `pruned`: a sweep's early termination stopped it at an epoch end (its metrics kept).

export const RUN_STATUSES = ['queued', 'running', 'completed', 'diverged', 'failed', 'cancelled', 'interrupted', 'pruned'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The statuses a run may move to from each status. Terminal statuses lead nowhere (re-run makes a new run). */
export const TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  queued: ['running', 'cancelled'],
  running: ['completed', 'diverged', 'failed', 'cancelled', 'interrupted', 'pruned'],
  completed: [],
  diverged: [],
  failed: [],
  cancelled: [],
  interrupted: [],
  pruned: [],
};

export function isRunStatus(s: unknown): s is RunStatus {
  return (RUN_STATUSES as readonly unknown[]).includes(s);
}

export function isTerminal(s: RunStatus): boolean {
  return TRANSITIONS[s].length === 0;
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses from which `to` can be reached in one step. */
export function predecessors(to: RunStatus): RunStatus[] {
  return RUN_STATUSES.filter((from) => canTransition(from, to));
}
