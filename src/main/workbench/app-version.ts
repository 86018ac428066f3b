// The app's version: from package.json, found by walking up from this file (sources, tests, the built app).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function appVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'nn-workbench' && pkg.version) return (cached = pkg.version);
    } catch {
      // No package.json here: keep climbing.
    }
    if (path.dirname(dir) === dir) return cached;
  }
}
