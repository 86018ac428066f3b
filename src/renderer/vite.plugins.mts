// The renderer's Vite plugins, shared by the standalone build (vite.config.mts) and electron.vite.config.ts.
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from '../shared/csp';

/**
 * Puts the app's Content-Security-Policy into index.html as a meta tag: a file:// page (the Electron window)
 * gets no response headers. Build only: the dev server's HMR needs what the policy forbids.
 * NOTE: frame-ancestors is ignored (with a console warning) in a meta tag, so it is left out here.
 */
function cspMeta(): Plugin {
  return {
    name: 'workbench:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: contentSecurityPolicy()
            .split('; ')
            .filter((d) => !d.startsWith('frame-ancestors'))
            .join('; '),
        },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export function rendererPlugins(): Plugin[] {
  return [vue(), cspMeta()];
}
