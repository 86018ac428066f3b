// A run status in words, as badges and filters show it.
import type { RunStatus } from '../../../shared/api-types';

export const STATUS_LABELS: Readonly<Record<RunStatus, string>> = {
  queued: 'Queued',
  running: 'Running',
  completed: 'Completed',
  diverged: 'Diverged',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  pruned: 'Pruned',
};
