// Confusion matrix and the per-class figures derived from it.

/** counts[true * classes + predicted]; rows are true labels, columns predictions. */
export interface ConfusionMatrix {
  readonly classes: number;
  readonly counts: Uint32Array;
}

export function emptyConfusion(classes: number): ConfusionMatrix {
  return { classes, counts: new Uint32Array(classes * classes) };
}

/**
 * Adds a batch: logits [n, classes] (row-major), labels [n]. Returns how many were right.
 * Ties go to the lowest class index (as argmax in NumPy and PyTorch).
 */
export function addToConfusion(cm: ConfusionMatrix, logits: Float32Array, labels: Uint8Array, n: number): number {
  const k = cm.classes;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const predicted = argmaxRow(logits, i * k, k);
    const truth = labels[i]!;
    cm.counts[truth * k + predicted]!++;
    if (predicted === truth) correct++;
  }
  return correct;
}

export function argmaxRow(values: Float32Array, offset: number, length: number): number {
  let best = 0;
  for (let j = 1; j < length; j++) if (values[offset + j]! > values[offset + best]!) best = j;
  return best;
}

/** Accuracy of each true class (NaN for a class with no samples). */
export function perClassAccuracy(cm: ConfusionMatrix): number[] {
  const k = cm.classes;
  return Array.from({ length: k }, (_, c) => {
    let total = 0;
    for (let p = 0; p < k; p++) total += cm.counts[c * k + p]!;
    return total === 0 ? NaN : cm.counts[c * k + c]! / total;
  });
}

export function confusionAccuracy(cm: ConfusionMatrix): number {
  let right = 0;
  let total = 0;
  for (let c = 0; c < cm.classes; c++) {
    for (let p = 0; p < cm.classes; p++) {
      const v = cm.counts[c * cm.classes + p]!;
      total += v;
      if (c === p) right += v;
    }
  }
  return total === 0 ? NaN : right / total;
}
