// Short-lived messages about things that happened away from the user's eyes ("run 12 finished", "deleted 3 runs").
// Errors of an action stay beside the control that started it; this is for the rest.
import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Notice {
  readonly id: number;
  readonly kind: 'info' | 'success' | 'error';
  readonly text: string;
  readonly action?: { readonly label: string; readonly run: () => void };
}

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  function push(kind: Notice['kind'], text: string, action?: Notice['action']): number {
    const id = nextId++;
    notices.value = [...notices.value.slice(-4), { id, kind, text, ...(action ? { action } : {}) }];
    // Errors stay until dismissed: they may need reading.
    if (kind !== 'error') setTimeout(() => dismiss(id), 6000);
    return id;
  }

  return { notices, push, dismiss };
});
