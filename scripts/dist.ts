// `npm run dist`: builds the app, then packages it with electron-builder.yml (arguments pass through, e.g.
// `npm run dist -- --dir`). electron-builder rebuilds better-sqlite3 for Electron inside node_modules; the Node
// build that the CLI and the tests load is put back afterwards, whether packaging worked or not.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(__dirname, '..');
const binding = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status ?? 1;
}

/** Whether the app ships the native kernels (electron-builder.yml takes the addon at <resources>/native when it is built). */
function nativeKernelsLine(): string {
  return existsSync(path.join(root, 'native', 'build', 'Release', 'nnw_kernels.node'))
    ? 'the app ships the native kernels (native/build/Release/nnw_kernels.node → <resources>/native)'
    : 'no native kernels built (npm run build:kernels-native): the app will use the wasm kernels';
}

function main(): number {
  const built = run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']);
  if (built !== 0) return built;
  process.stdout.write(`dist: ${nativeKernelsLine()}\n`);
  const saved = existsSync(binding) ? path.join(mkdtempSync(path.join(tmpdir(), 'nnwb-dist-')), 'better_sqlite3.node') : null;
  if (saved) copyFileSync(binding, saved);
  // NOTE: an npm-set nodedir (some ~/.npmrc have one) makes the rebuild target Node's ABI instead of Electron's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'));
  try {
    return run(bin('electron-builder'), process.argv.slice(2), env);
  } finally {
    if (saved && !(existsSync(binding) && readFileSync(binding).equals(readFileSync(saved)))) {
      copyFileSync(saved, binding);
      process.stdout.write('dist: put the Node build of better-sqlite3 back in node_modules (electron-builder rebuilt it for Electron)\n');
    }
    if (saved) rmSync(path.dirname(saved), { recursive: true, force: true });
  }
}

process.exitCode = main();
