// Runs an action for a control and keeps its pending state and error beside it ("errors where they happened").
import { ref } from 'vue';
import { errorMessage } from '../lib/errors';

export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const pending = ref(false);
  const error = ref<string | null>(null);
  async function run(...args: A): Promise<R | undefined> {
    pending.value = true;
    error.value = null;
    try {
      return await fn(...args);
    } catch (err) {
      error.value = errorMessage(err);
      return undefined;
    } finally {
      pending.value = false;
    }
  }
  return { run, pending, error, clear: () => (error.value = null) };
}
