// Light or dark: follows the system unless the user picked one (remembered across starts).
import { defineStore } from 'pinia';
import { computed, ref, watchEffect } from 'vue';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'nnwb.theme';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export const useThemeStore = defineStore('theme', () => {
  const saved = storage()?.getItem(KEY);
  const preference = ref<ThemePreference>(saved === 'light' || saved === 'dark' ? saved : 'system');
  const media = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const systemDark = ref(media?.matches ?? false);
  media?.addEventListener('change', (e) => (systemDark.value = e.matches));

  const theme = computed<Theme>(() => (preference.value === 'system' ? (systemDark.value ? 'dark' : 'light') : preference.value));

  if (typeof document !== 'undefined') {
    watchEffect(() => {
      document.documentElement.dataset.theme = theme.value;
    });
  }

  function setPreference(p: ThemePreference): void {
    preference.value = p;
    if (p === 'system') storage()?.removeItem(KEY);
    else storage()?.setItem(KEY, p);
  }

  /** system → light → dark → system. */
  function cycle(): void {
    setPreference(preference.value === 'system' ? 'light' : preference.value === 'light' ? 'dark' : 'system');
  }

  return { preference, theme, setPreference, cycle };
});
