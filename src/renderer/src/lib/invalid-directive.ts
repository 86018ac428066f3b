// v-invalid="problem": marks a form control wrong for the eye (the `invalid` class) and for assistive technology
// (aria-invalid), together, whenever `problem` is truthy.
import type { Directive } from 'vue';

function mark(el: HTMLElement, problem: unknown): void {
  el.classList.toggle('invalid', !!problem);
  if (problem) el.setAttribute('aria-invalid', 'true');
  else el.removeAttribute('aria-invalid');
}

export const vInvalid: Directive<HTMLElement, unknown> = {
  mounted: (el, binding) => mark(el, binding.value),
  updated: (el, binding) => mark(el, binding.value),
};
