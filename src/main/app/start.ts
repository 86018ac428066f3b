// `npm start`: the desktop app when Electron can run here, else web mode — with one line saying why, never a stack trace.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runEntry } from '../cli/run-entry';
import { parseServeOptions, SERVE_HELP } from '../cli/serve-command';
import { electronPackageDir, electronRuntime, ensureElectronBinding } from './electron-binding';
import { electronUnavailable } from './electron-check';
import { appRoot } from './renderer-dir';
import { serveUntilStopped } from './web-app';

/** Builds and runs the desktop app through electron-vite; resolves with its exit code. */
function runElectron(dataDir: string | undefined): Promise<number> {
  const root = appRoot() ?? process.cwd();
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  // The app reads NNWB_DATA_DIR (see electron/main.ts): simpler than threading flags through electron-vite.
  const env = dataDir ? { ...process.env, NNWB_DATA_DIR: dataDir } : process.env;
  const child = spawn(bin, ['preview'], { cwd: root, env, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`error: could not start electron-vite: ${err.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}

/**
 * Why the window cannot open here, or null: no Electron binary or display, or no better-sqlite3 built for that
 * Electron (built now when missing: the Node build in node_modules cannot load in Electron).
 */
async function whyNoWindow(print: (line: string) => void): Promise<string | null> {
  const why = electronUnavailable();
  if (why !== null) return why;
  const root = appRoot() ?? process.cwd();
  try {
    return await ensureElectronBinding(root, electronRuntime(electronPackageDir(root)), print);
  } catch (err) {
    return (err as Error).message;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const { help, ...options } = parseServeOptions(argv);
  if (help) {
    process.stdout.write(
      SERVE_HELP.replace('nn-workbench serve', 'npm start --').replace(
        'Serves the workbench',
        'Starts the desktop app, or where it cannot run, serves the workbench',
      ),
    );
    return 0;
  }
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const why = await whyNoWindow(print);
  const dataDirGiven = argv.some((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (why === null) return runElectron(dataDirGiven ? options.dataDir : undefined);
  print(`NN Workbench cannot open its window: ${why}; serving it in web mode instead.`);
  await serveUntilStopped(options, print);
  return 0;
}

runEntry(main);
