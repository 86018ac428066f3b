// Early stopping on a loss that should fall: stop after `patience` epochs without an improvement of `minDelta`.

export interface EarlyStoppingSpec {
  readonly patience: number;
  readonly minDelta?: number;
}

/** What a checkpoint keeps of an EarlyStopping (best may be Infinity before the first epoch). */
export interface EarlyStoppingState {
  readonly best: number;
  readonly bestEpoch: number;
  readonly waited: number;
}

export class EarlyStopping {
  private best = Infinity;
  private bestEpoch = -1;
  private waited = 0;

  constructor(private readonly spec: EarlyStoppingSpec) {}

  /** Records this epoch's loss; true when training should stop now. */
  update(epoch: number, loss: number): boolean {
    if (loss < this.best - (this.spec.minDelta ?? 0)) {
      this.best = loss;
      this.bestEpoch = epoch;
      this.waited = 0;
      return false;
    }
    this.waited++;
    return this.waited >= this.spec.patience;
  }

  state(): EarlyStoppingState {
    return { best: this.best, bestEpoch: this.bestEpoch, waited: this.waited };
  }

  restore(s: EarlyStoppingState): void {
    this.best = s.best;
    this.bestEpoch = s.bestEpoch;
    this.waited = s.waited;
  }

  get bestLoss(): number {
    return this.best;
  }

  get bestAt(): number {
    return this.bestEpoch;
  }
}
