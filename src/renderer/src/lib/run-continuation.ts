// Whether a run can be resumed, extended or forked from an epoch, and if not why: the run page's buttons say so.
import type { RunDetail } from '../../../shared/api-types';

const RESUMABLE = ['interrupted', 'failed', 'cancelled'];

/** null when Resume is possible, else the reason (a tooltip). */
export function whyNoResume(run: RunDetail): string | null {
  if (RESUMABLE.includes(run.status)) return null;
  if (run.status === 'completed') return 'The run completed: extend it instead';
  if (run.status === 'running' || run.status === 'queued') return 'The run is still training';
  return `A ${run.status} run cannot be resumed`;
}

/** null when Extend is possible, else the reason. */
export function whyNoExtend(run: RunDetail): string | null {
  if (run.status !== 'completed') return 'Only a completed run can be extended';
  if (!run.checkpointEpochs.includes(run.epochsDone)) return 'The run has no checkpoint of its last epoch (trained before checkpoints were kept)';
  return null;
}

/** null when a fork from after epoch `epochs` (1-based) is possible, else the reason. */
export function whyNoForkFrom(run: RunDetail, epochs: number): string | null {
  if (run.checkpointEpochs.includes(epochs)) return null;
  const kept = run.checkpointEpochs.join(', ') || 'none';
  const how = run.keepsAllCheckpoints
    ? ''
    : ': only the last and the best are kept; start runs with "Keep every checkpoint" (keepCheckpoints: "all") to keep all';
  return `Epoch ${epochs} has no checkpoint (kept: ${kept})${how}`;
}
