// Every schema migration in order: append a new file's migration here, never edit or reorder a released one.
import { m0001Initial } from './0001-initial';
import { m0002RunFacts } from './0002-run-facts';
import { m0003DivergedStatus } from './0003-diverged-status';
import { m0004TestPredictions } from './0004-test-predictions';
import { m0005RunViews } from './0005-run-views';
import { m0008RemoteWorkers } from './0008-remote-workers';
import type { Migration } from './migration';

export type { Migration } from './migration';

// MERGE: 0006 (resume) and 0007 (sweeps) are built on other branches; until they land these hold their places.
// Replace both with the real migrations when merging (no released database has ever had them).
const m0006Reserved: Migration = { version: 6, name: '0006-reserved-for-resume', up() {} };
const m0007Reserved: Migration = { version: 7, name: '0007-reserved-for-sweeps', up() {} };

export const MIGRATIONS: readonly Migration[] = [
  m0001Initial,
  m0002RunFacts,
  m0003DivergedStatus,
  m0004TestPredictions,
  m0005RunViews,
  m0006Reserved,
  m0007Reserved,
  m0008RemoteWorkers,
];
