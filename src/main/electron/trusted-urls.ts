// Which URLs belong to the app: the window may only show these, IPC only answers frames showing them,
// and the session refuses every other request (no remote content). Plain functions, tested without Electron.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the renderer comes from: the built index.html, or the Vite dev server while developing. */
export type RendererLocation = { readonly kind: 'file'; readonly indexFile: string } | { readonly kind: 'dev'; readonly url: string };

/** True for the app's own page (any route, query or hash of it); false for everything else. */
export function isAppUrl(url: string, renderer: RendererLocation): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (renderer.kind === 'dev') return parsed.origin === new URL(renderer.url).origin;
  return parsed.protocol === 'file:' && filePath(parsed) === path.resolve(renderer.indexFile);
}

/**
 * True for a request the renderer may make: its own files (the folder of index.html), the dev server
 * (HTTP and its HMR WebSocket), in-memory data: and blob: URLs, and the devtools. Everything else is refused.
 */
export function isAllowedRequest(url: string, renderer: RendererLocation): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    case 'file:': {
      if (renderer.kind !== 'file') return false;
      const rel = path.relative(path.dirname(path.resolve(renderer.indexFile)), filePath(parsed) ?? '');
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    }
    case 'http:':
    case 'ws:':
      return renderer.kind === 'dev' && parsed.host === new URL(renderer.url).host;
    default:
      return false;
  }
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function filePath(url: URL): string | null {
  try {
    return path.resolve(fileURLToPath(url));
  } catch {
    return null;
  }
}
