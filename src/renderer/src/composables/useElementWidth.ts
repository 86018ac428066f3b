// The width of an element, kept current by a ResizeObserver (0 until mounted).
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

export function useElementWidth(el: Ref<HTMLElement | null>): Ref<number> {
  const width = ref(0);
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    if (!el.value) return;
    width.value = el.value.clientWidth;
    observer = new ResizeObserver(([entry]) => (width.value = entry ? entry.contentRect.width : 0));
    observer.observe(el.value);
  });
  onBeforeUnmount(() => observer?.disconnect());
  return width;
}
