// The width of an element in CSS pixels, kept current as it resizes (0 until mounted).
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export function useElementWidth(el: Ref<HTMLElement | null>): Ref<number> {
  const width = ref(0);
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    if (!el.value) return;
    // It reports the content box at once, then on every change.
    observer = new ResizeObserver(([entry]) => (width.value = entry?.contentRect.width ?? width.value));
    observer.observe(el.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return width;
}
