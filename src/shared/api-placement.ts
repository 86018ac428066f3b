// Where new runs train, as the API sets and reports it: this machine's training processes, or remote workers
// through the Redis queue (only when the workbench was started with --redis).
import { z } from 'zod';

export const runPlacementSchema = z.enum(['local', 'workers']);

/** On a start call: where its runs train (the workbench's setting when absent). */
export const placementField = runPlacementSchema.optional();

export const setRunPlacementInput = z.strictObject({ placement: runPlacementSchema });

export type RunPlacement = z.output<typeof runPlacementSchema>;

export interface RunPlacementState {
  /** Where runs, grids and re-runs started from now on train. */
  readonly placement: RunPlacement;
  /** The workers' Redis queue (its URL with the password hidden); null when this workbench has none. */
  readonly workers: string | null;
}
