// The app's routes as patterns over the hash ("#/runs/12?tab=weights"), matched without any router library.

export type RouteName = 'runs' | 'new-run' | 'run' | 'grids' | 'new-grid' | 'grid' | 'compare' | 'not-found';

export interface Route {
  readonly name: RouteName;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
}

const patterns: readonly (readonly [RouteName, string])[] = [
  ['runs', '/runs'],
  ['new-run', '/runs/new'],
  ['run', '/runs/:id'],
  ['grids', '/grids'],
  ['new-grid', '/grids/new'],
  ['grid', '/grids/:id'],
  ['compare', '/compare'],
];

/** Parses a location hash ("#/runs/3?tab=curves", "" → the runs page) into a route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/runs';
  const [pathPart = '/', queryPart = ''] = raw.split('?', 2);
  const path = pathPart === '/' ? '/runs' : pathPart.replace(/\/+$/, '');
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(queryPart)) query[k] = v;
  const parts = path.split('/').filter(Boolean);
  for (const [name, pattern] of patterns) {
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = want.every((w, i) => {
      const got = decodeURIComponent(parts[i]!);
      if (w.startsWith(':')) {
        params[w.slice(1)] = got;
        return true;
      }
      return w === got;
    });
    if (ok) return { name, path, params, query };
  }
  return { name: 'not-found', path, params: {}, query };
}

/** "#/runs/3?tab=curves" from a path and a query (empty values left out). */
export function buildHash(path: string, query: Readonly<Record<string, string | number | undefined | null>> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}
