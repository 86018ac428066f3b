// The workbench's run placement: where runs started from now on train. Local unless switched to the workers.
import type { RunPlacement, RunPlacementState } from '../../shared/api-placement';
import { ValidationError } from '../../shared/validation';

export class PlacementSetting {
  private placement: RunPlacement;

  /** `workers`: the queue's URL with its password hidden, or null without --redis. */
  constructor(
    private readonly workers: string | null,
    initial: RunPlacement = 'local',
  ) {
    this.placement = initial;
    if (initial === 'workers') this.set('workers');
  }

  get current(): RunPlacement {
    return this.placement;
  }

  state(): RunPlacementState {
    return { placement: this.placement, workers: this.workers };
  }

  /** Where a start call's runs train: `requested`, else this setting. @throws ValidationError as `set`. */
  resolve(requested: RunPlacement | undefined): RunPlacement {
    if (requested === 'workers') this.refuseWithoutQueue();
    return requested ?? this.placement;
  }

  /** @throws ValidationError naming `placement` when asked for workers without a queue. */
  set(placement: RunPlacement): RunPlacementState {
    if (placement === 'workers') this.refuseWithoutQueue();
    this.placement = placement;
    return this.state();
  }

  private refuseWithoutQueue(): void {
    if (this.workers === null) {
      throw new ValidationError('placement', 'this workbench has no Redis queue for workers: start it with --redis redis://user:password@host:6379');
    }
  }
}
