// The renderer's Content-Security-Policy, one definition for the Electron window and the web server.

export interface CspOptions {
  /**
   * The Vite dev server origin (e.g. "http://localhost:5173") while developing: its HMR needs a WebSocket
   * and inline module preambles. Never set in a build.
   */
  devServer?: string;
}

/**
 * Only the app's own scripts, no eval, no plugins, no framing, no remote content. Inline style attributes are
 * allowed because Vue's `:style` bindings and ECharts set them; `data:`/`blob:` images carry the weight
 * pictures and exported charts.
 */
export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.devServer;
  const ws = dev ? dev.replace(/^http/, 'ws') : '';
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', dev ? `'self' 'unsafe-inline' ${dev}` : "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self' data:"],
    ['connect-src', dev ? `'self' ${dev} ${ws}` : "'self'"],
    ['worker-src', "'self' blob:"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
  ];
  return directives.map(([k, v]) => `${k} ${v}`).join('; ');
}
