// Every schema migration in order: append a new file's migration here, never edit or reorder a released one.
import { m0001Initial } from './0001-initial';
import { m0002RunFacts } from './0002-run-facts';
import { m0003DivergedStatus } from './0003-diverged-status';
import { m0004TestPredictions } from './0004-test-predictions';
import { m0005RunViews } from './0005-run-views';
import { m0006Checkpoints } from './0006-checkpoints';
import { m0007Sweeps } from './0007-sweeps';
import { m0008RemoteWorkers } from './0008-remote-workers';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  m0001Initial,
  m0002RunFacts,
  m0003DivergedStatus,
  m0004TestPredictions,
  m0005RunViews,
  m0006Checkpoints,
  m0007Sweeps,
  m0008RemoteWorkers,
];
