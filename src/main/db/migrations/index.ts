// Every schema migration in order: append a new file's migration here, never edit or reorder a released one.
import { m0001Initial } from './0001-initial';
import { m0002RunFacts } from './0002-run-facts';
import { m0003DivergedStatus } from './0003-diverged-status';
import { m0004TestPredictions } from './0004-test-predictions';
import { m0005RunViews } from './0005-run-views';
import { m0007Sweeps } from './0007-sweeps';
import type { Migration } from './migration';

export type { Migration } from './migration';

// TODO(merge): a placeholder for the resume branch's 0006 (exact resume), so that 0007 sits at its number here;
// replace it with that migration when the branches meet. It changes nothing.
const m0006Placeholder: Migration = { version: 6, name: '0006-placeholder-for-resume', up() {} };

export const MIGRATIONS: readonly Migration[] = [m0001Initial, m0002RunFacts, m0003DivergedStatus, m0004TestPredictions, m0005RunViews, m0006Placeholder, m0007Sweeps];
