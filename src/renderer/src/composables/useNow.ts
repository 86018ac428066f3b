// A clock for durations that grow while a run trains: one timer for the whole app, ticking each second.
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

export function useNow(): Ref<number> {
  onMounted(() => {
    if (users++ === 0) timer = setInterval(() => (now.value = Date.now()), 1000);
  });
  onBeforeUnmount(() => {
    if (--users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}
