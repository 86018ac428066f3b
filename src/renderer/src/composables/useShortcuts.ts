// Keyboard shortcuts: components register keys while mounted; the help dialog lists whatever is active.
import { onBeforeUnmount, onMounted, shallowReactive } from 'vue';

export interface Shortcut {
  /** e.g. "n", "/", "?", "Escape", "Delete", "ctrl+Enter" (ctrl means Ctrl or ⌘). */
  readonly key: string;
  readonly description: string;
  readonly run: (e: KeyboardEvent) => void;
  /** Fire even while typing in a field (Escape, ctrl+Enter). */
  readonly inFields?: boolean;
}

/** Every registered group, newest last (a page's keys win over the shell's). */
const active = shallowReactive(new Set<readonly Shortcut[]>());
let listening = false;

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

function matches(s: Shortcut, e: KeyboardEvent): boolean {
  const parts = s.key.split('+');
  const key = parts[parts.length - 1]!;
  const ctrl = parts.includes('ctrl');
  if (ctrl !== (e.ctrlKey || e.metaKey)) return false;
  if (!ctrl && e.altKey) return false;
  return e.key === key || (key.length === 1 && e.key.toLowerCase() === key && !e.shiftKey);
}

function onKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing) return;
  const inField = typing(e.target);
  const groups = [...active].reverse();
  for (const group of groups) {
    for (const s of group) {
      if (inField && !s.inFields) continue;
      if (!matches(s, e)) continue;
      e.preventDefault();
      s.run(e);
      return;
    }
  }
}

/** Registers `shortcuts` while the calling component is mounted. */
export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  onMounted(() => {
    if (!listening) {
      window.addEventListener('keydown', onKey);
      listening = true;
    }
    active.add(shortcuts);
  });
  onBeforeUnmount(() => active.delete(shortcuts));
}

/** The active shortcuts for the help dialog (duplicates by key: the page's wins). */
export function activeShortcuts(): Shortcut[] {
  const seen = new Map<string, Shortcut>();
  for (const group of active) for (const s of group) seen.set(s.key, s);
  return [...seen.values()];
}
