import { describe, expect, it } from 'vitest';
import type { ConfusionMatrix } from './confusion';
import { chanceAccuracy, divergence } from './divergence';
import type { EpochMetrics } from './metrics';

/** 3 classes, 60 / 30 / 10 test samples; the model answers class 0 for `right0` of the first class, else class 1. */
function confusion(right0: number): ConfusionMatrix {
  // rows true, columns predicted
  return { classes: 3, counts: Uint32Array.from([right0, 60 - right0, 0, 0, 30, 0, 0, 10, 0]) };
}

function epoch(trainLoss: number, trainAccuracy: number, right0: number): EpochMetrics {
  const cm = confusion(right0);
  const accuracy = (right0 + 30) / 100;
  return {
    epoch: 1,
    trainLoss,
    trainAccuracy,
    trainPass: { loss: trainLoss, accuracy: trainAccuracy, confusion: cm, predicted: new Uint8Array(100), confidence: new Float32Array(100) },
    test: { loss: 1, accuracy, confusion: cm, predicted: new Uint8Array(100), confidence: new Float32Array(100) },
    lr: 0.1,
    trainSeconds: 1,
    evalSeconds: 0,
    samplesPerSecond: 100,
    elapsedSeconds: 1,
  };
}

describe('chanceAccuracy', () => {
  it('is the share of the commonest true class', () => {
    expect(chanceAccuracy(confusion(0))).toBe(0.6);
  });
  it('is 1/K for an empty matrix', () => {
    expect(chanceAccuracy({ classes: 4, counts: new Uint32Array(16) })).toBe(0.25);
  });
});

describe('divergence', () => {
  it('flags a training loss more than 3× its start, with the numbers', () => {
    expect(divergence(epoch(3.4, 0.9, 60), 1.1)).toBe('the training loss rose to 3.4 in epoch 2, from 1.1 at the first step: lower the learning rate');
    expect(divergence(epoch(3.2, 0.9, 60), 1.1)).toBeNull();
  });

  it('writes huge losses with an exponent', () => {
    expect(divergence(epoch(1278e6, 0.1, 0), 2.3)).toMatch(/rose to 1\.28e\+9 in epoch 2/);
  });

  it('flags accuracy at chance (train and test) with a loss a quarter above its start', () => {
    // test accuracy 0.3 + 0.3 = 0.6 is the commonest class's share: chance.
    const why = divergence(epoch(1.5, 0.55, 30), 1.1);
    expect(why).toBe(
      'accuracy is at chance after epoch 2 (train 55.0 %, test 60.0 %; the commonest class is 60.0 %) and the training loss rose to 1.5 from 1.1: lower the learning rate',
    );
  });

  it('keeps a run at chance whose loss has not risen (a slow start), and one that learns', () => {
    expect(divergence(epoch(1.3, 0.55, 30), 1.1)).toBeNull(); // 1.3 < 1.25 × 1.1
    expect(divergence(epoch(1.5, 0.7, 30), 1.1)).toBeNull(); // train accuracy above chance
    expect(divergence(epoch(1.5, 0.55, 55), 1.1)).toBeNull(); // test accuracy 85 %
  });

  it('measures a rise from guessing uniformly (ln K) when the start was lower', () => {
    // ln 3 = 1.0986: 1.3 is less than 1.25 × ln 3 = 1.373, though it is more than 1.25 × 0.5.
    expect(divergence(epoch(1.3, 0.55, 30), 0.5)).toBeNull();
  });
});
