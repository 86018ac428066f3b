// Builds the renderer once before the tests when out/renderer is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { RENDERER_OUT, ROOT } from './paths';

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function globalSetup(): void {
  const index = path.join(RENDERER_OUT, 'index.html');
  const sources = Math.max(newest(path.join(ROOT, 'src', 'renderer')), newest(path.join(ROOT, 'src', 'shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  process.stdout.write('e2e: building the renderer (vite build src/renderer)…\n');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'src/renderer', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
