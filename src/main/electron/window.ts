// The app window and its session, locked down: isolated sandboxed renderer, CSP, no navigation away,
// no new windows, no webviews, no permissions, no request leaving the app.
import { BrowserWindow, nativeTheme, type Session } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp';
import { isAllowedRequest, isAppUrl, type RendererLocation } from './trusted-urls';

/** Applies the CSP, the request filter and the permission policy to the session the window uses. Call once. */
export function hardenSession(session: Session, renderer: RendererLocation): void {
  const csp = contentSecurityPolicy(renderer.kind === 'dev' ? { devServer: new URL(renderer.url).origin } : {});
  // NOTE: file:// pages get no response headers here; the renderer's index.html carries the same policy in a meta tag.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, renderer) }));
  // Copying a table to the clipboard is the one capability the UI uses.
  const allowed = new Set(['clipboard-sanitized-write']);
  session.setPermissionRequestHandler((_wc, permission, callback) => callback(allowed.has(permission)));
  session.setPermissionCheckHandler((_wc, permission) => allowed.has(permission));
}

export interface MainWindowOptions {
  /** The built preload script (CommonJS: sandboxed preloads cannot load ES modules). */
  readonly preloadPath: string;
  readonly renderer: RendererLocation;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'NN Workbench',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, options.renderer)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());

  if (options.renderer.kind === 'dev') void window.loadURL(options.renderer.url);
  else void window.loadFile(options.renderer.indexFile);
  return window;
}
