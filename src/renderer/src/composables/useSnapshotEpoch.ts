// The epoch a run's inspect tab shows (weights, histograms, confusion): one picked on the scrubber, else the latest snapshot.
import { computed, ref } from 'vue';
import { useRunStore } from '../stores/run';

export function useSnapshotEpoch() {
  const run = useRunStore();
  const epochs = computed(() => run.detail!.snapshotEpochs);
  /** The scrubber's pick; null follows the latest snapshot while the run trains. */
  const epoch = ref<number | null>(null);
  /** The epoch to ask for: the picked one, else the latest snapshot (cacheable, unlike "latest"). */
  const at = computed(() => epoch.value ?? epochs.value[epochs.value.length - 1]);
  return { epochs, epoch, at };
}
