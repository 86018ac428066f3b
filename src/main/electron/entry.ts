// Entry of the desktop app (built by electron-vite to out/main/index.js): the Electron lifecycle from
// src/main/electron, with the workbench service and each training run in utility processes it starts.
import path from 'node:path';
import { startWorkbenchService } from '../service/workbench-service';
import { runElectronApp } from './main';
import { forkUtilityProcess } from './utility-process';

// NOTE: electron-vite emits CommonJS for the main process (package.json has no "type": "module").
const here = __dirname;

runElectronApp({
  startService: (dataDir) =>
    startWorkbenchService({
      // electron-vite builds both process entries beside this file (see electron.vite.config.ts).
      channel: forkUtilityProcess(path.join(here, 'service.js'), 'NN Workbench service'),
      spawnTraining: (entry) => forkUtilityProcess(entry, 'NN Workbench training'),
      options: { dataDir, mode: 'electron', workerEntry: path.join(here, 'worker.js') },
    }),
  preloadPath: path.join(here, '..', 'preload', 'index.cjs'),
  renderer: process.env.ELECTRON_RENDERER_URL
    ? { kind: 'dev', url: process.env.ELECTRON_RENDERER_URL }
    : { kind: 'file', indexFile: path.join(here, '..', 'renderer', 'index.html') },
});
