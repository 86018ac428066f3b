// Entry of the desktop app (built by electron-vite to out/main/index.js): the Electron lifecycle from
// src/main/electron with the workbench service as its backend, training in utility processes.
import path from 'node:path';
import { createWorkbench } from '../workbench/create-workbench';
import { runElectronApp } from './main';

// NOTE: electron-vite emits CommonJS for the main process (package.json has no "type": "module").
const here = __dirname;

runElectronApp({
  createBackend: async ({ dataDir, processHost }) =>
    createWorkbench({
      dataDir,
      mode: 'electron',
      processHost,
      // electron-vite builds the training process entry beside this file (see electron.vite.config.ts).
      workerEntry: path.join(here, 'worker.js'),
    }),
  preloadPath: path.join(here, '..', 'preload', 'index.cjs'),
  renderer: process.env.ELECTRON_RENDERER_URL
    ? { kind: 'dev', url: process.env.ELECTRON_RENDERER_URL }
    : { kind: 'file', indexFile: path.join(here, '..', 'renderer', 'index.html') },
});
