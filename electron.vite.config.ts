// Builds the Electron app: main process (app entry, service and training-process entries), the sandboxed preload, the renderer.
// `npm run build` → out/main, out/preload, out/renderer. Web mode serves out/renderer (also built alone by
// `vite build src/renderer`, whose config shares the renderer plugins below).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererPlugins } from './src/renderer/vite.plugins.mts';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // better-sqlite3 is native and loads its .node file at runtime: keep every dependency external.
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/main/electron/entry.ts'),
          // The workbench service and each training run are utility processes, forked from their own files.
          service: resolve(root, 'src/main/service/service-entry.ts'),
          worker: resolve(root, 'src/main/worker/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require nothing but `electron`: bundle everything else into one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // NOTE: sandboxed preloads cannot be ES modules; CommonJS whatever package.json says.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: rendererPlugins(),
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
