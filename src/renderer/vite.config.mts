// Standalone build of the renderer for web mode: `vite build src/renderer` → out/renderer.
import { defineConfig } from 'vite';
import { rendererPlugins } from './vite.plugins.mts';

export default defineConfig({
  // Relative asset URLs: the same build loads from file:// (Electron) and from the web server's root.
  base: './',
  plugins: rendererPlugins(),
  build: {
    // Relative to this folder (the root when called as `vite build src/renderer`).
    outDir: '../../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
});
