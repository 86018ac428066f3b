// Builds better-sqlite3 in a scratch copy of its sources (node_modules/better-sqlite3/build is never touched):
// a published binary through prebuild-install where one is wanted, else node-gyp. Output goes to a log file.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Target } from './targets';

/** A scratch copy of the package's sources (not its build/), and the log every step appends to. */
export interface Stage {
  readonly dir: string;
  readonly log: string;
  /** Where the build leaves the binary. */
  readonly output: string;
}

export function stageSources(packageDir: string): Stage {
  const scratch = mkdtempSync(path.join(tmpdir(), 'nnwb-sqlite-'));
  const dir = path.join(scratch, 'better-sqlite3');
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) cpSync(path.join(packageDir, entry), path.join(dir, entry), { recursive: true });
  return { dir, log: path.join(scratch, 'build.log'), output: path.join(dir, 'build', 'Release', 'better_sqlite3.node') };
}

// NOTE: node-gyp and prebuild-install let npm_config_* variables override their flags, and npm sets them from
// .npmrc (here nodedir=/usr, which would build for the system Node): drop those that pick a target.
const STEERING = /^npm_config_(nodedir|target|runtime|arch|target_arch|platform|target_platform|dist_url|disturl|devdir|build_from_source|napi|libc)$/i;

export function buildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !STEERING.test(key)));
}

/** npm's bundled node-gyp (beside the running npm), else the one in node_modules. */
export function nodeGypScript(env: NodeJS.ProcessEnv = process.env, root: string = process.cwd()): string {
  const candidates = [
    env.npm_execpath ? path.join(path.dirname(env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js') : null,
    path.join(path.dirname(path.dirname(process.execPath)), 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const found = candidates.find((c): c is string => c !== null && existsSync(c));
  if (found) return found;
  return createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
}

/** Runs `node <script> <args>` in `cwd`, appending its output to `log`; resolves with its exit code. */
export function runLogged(script: string, args: readonly string[], cwd: string, log: string, timeoutMs: number): Promise<number> {
  appendFileSync(log, `\n$ node ${script} ${args.join(' ')}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: buildEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const write = (chunk: Buffer) => appendFileSync(log, chunk);
    child.stdout.on('data', write);
    child.stderr.on('data', write);
    const timer = setTimeout(() => {
      appendFileSync(log, `\n(stopped after ${timeoutMs / 1000} s)\n`);
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('error', (err) => write(Buffer.from(`${err.message}\n`)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/** Tries to fetch a published binary for the target; false when there is none or no network. */
export async function fetchPrebuilt(stage: Stage, target: Target, packageDir: string): Promise<boolean> {
  if (!target.prebuiltArgs) return false;
  let script: string;
  try {
    script = createRequire(path.join(packageDir, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return false;
  }
  const code = await runLogged(script, [...target.prebuiltArgs, '--verbose'], stage.dir, stage.log, 120_000);
  return code === 0 && existsSync(stage.output);
}

/** Compiles the sources for the target with node-gyp (about 100 s on 2 cores: SQLite is one 9 MB C file). */
export async function compile(stage: Stage, target: Target, root: string): Promise<boolean> {
  const code = await runLogged(nodeGypScript(process.env, root), ['rebuild', '--release', ...target.gypArgs], stage.dir, stage.log, 30 * 60_000);
  return code === 0 && existsSync(stage.output);
}

/** The few words that say why a build failed, from its log (the last step's part: node-gyp's, not the fetch's). */
export function failureReason(fullLog: string, headersUrl: string): string {
  const log = fullLog.split('\n$ node ').at(-1) ?? fullLog;
  if (/Could not find any Python installation/i.test(log)) return 'node-gyp needs Python 3 (install python3)';
  if (/not found: make|gyp ERR! stack Error: `?make`? failed.*ENOENT|g\+\+: (command )?not found|c\+\+: (command )?not found|No Xcode or CLT/i.test(log)) {
    return 'there is no C++ toolchain (Debian/Ubuntu: apt-get install build-essential python3; macOS: xcode-select --install; Windows: Visual Studio Build Tools)';
  }
  if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|\b40[34]\b.*headers/i.test(log)) {
    return `its headers could not be downloaded from ${headersUrl} (no network?)`;
  }
  if (/\(stopped after \d+ s\)/.test(log)) return 'the build took too long and was stopped';
  const errors = log.split('\n').filter((l) => /^gyp ERR! (stack )?Error|error:/i.test(l));
  return errors[0]?.replace(/^gyp ERR! (stack )?/, '').trim() ?? 'node-gyp failed';
}
