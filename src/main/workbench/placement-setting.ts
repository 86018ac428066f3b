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

  /** @throws ValidationError naming `placement` when asked for workers without a queue. */
  set(placement: RunPlacement): RunPlacementState {
    if (placement === 'workers' && this.workers === null) {
      throw new ValidationError('placement', 'this workbench has no Redis queue for workers: start it with --redis redis://user:password@host:6379');
    }
    this.placement = placement;
    return this.state();
  }
}
