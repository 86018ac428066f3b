// A tiny hash router (vue-router is not installed): the current route as a reactive value, and navigation.
// Hash URLs work the same from file:// (the Electron window) and from the web server.
import { readonly, shallowRef, type Ref } from 'vue';
import { buildHash, parseHash, type Route } from './routes';

const current = shallowRef<Route>(parseHash(typeof window === 'undefined' ? '' : window.location.hash));
let started = false;

function start(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('hashchange', () => {
    current.value = parseHash(window.location.hash);
  });
}

export interface Router {
  readonly route: Readonly<Ref<Route>>;
  /** Goes to `path` with `query`, adding a history entry. */
  push(path: string, query?: Record<string, string | number | undefined | null>): void;
  /** Changes the query (or path) in place, without a history entry (tabs, filters). */
  replace(path: string, query?: Record<string, string | number | undefined | null>): void;
  href(path: string, query?: Record<string, string | number | undefined | null>): string;
}

export function useRouter(): Router {
  start();
  return {
    route: readonly(current) as Readonly<Ref<Route>>,
    push(path, query) {
      window.location.hash = buildHash(path, query);
    },
    replace(path, query) {
      const hash = buildHash(path, query);
      window.history.replaceState(window.history.state, '', hash);
      current.value = parseHash(hash);
    },
    href: (path, query) => buildHash(path, query),
  };
}
