// Which folder web mode serves: the built renderer (out/renderer), or a one-page stand-in saying how to build it.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RendererDir {
  readonly dir: string;
  /** False when `dir` is the stand-in page. */
  readonly built: boolean;
  /** Removes the stand-in folder (no-op for the real renderer). */
  dispose(): void;
}

const STAND_IN = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>NN Workbench — UI not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f3f3f3;padding:0 .3em}</style>
<h1>NN Workbench</h1>
<p>The workbench is running, but its user interface has not been built yet.</p>
<p>Build it with <code>npm run build</code> (electron-vite writes it to <code>out/renderer</code>), then restart this server.</p>
<p>The API answers meanwhile: <code>POST /api/&lt;call&gt;</code> with the token, and <code>GET /api/events</code> for live events.</p>
`;

/** The repository (or app) root: the nearest folder above this file holding NN Workbench's package.json. */
export function appRoot(): string | null {
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src', 'main'))) return dir;
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'out', 'renderer'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** `explicit` if given, else `<root>/out/renderer` when it holds an index.html, else a temporary stand-in page. */
export function rendererDir(explicit?: string): RendererDir {
  const root = appRoot();
  const candidates = explicit ? [path.resolve(explicit)] : root ? [path.join(root, 'out', 'renderer')] : [];
  for (const dir of candidates) {
    if (existsSync(path.join(dir, 'index.html'))) return { dir, built: true, dispose: () => {} };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'nnwb-ui-'));
  writeFileSync(path.join(dir, 'index.html'), STAND_IN);
  return { dir, built: false, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
