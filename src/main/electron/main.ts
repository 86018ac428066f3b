// The Electron app's lifecycle: one instance, a hardened session, the backend behind IPC, one window;
// on quit the backend closes (runs stop cleanly) before the process exits.
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import type { WorkbenchBackend } from '../../shared/api-contract';
import type { ProcessHost } from '../runs/process-host';
import { registerIpc } from './ipc';
import { isAppUrl, type RendererLocation } from './trusted-urls';
import { createUtilityProcessHost } from './utility-process-host';
import { createMainWindow, hardenSession } from './window';

export interface BackendContext {
  readonly dataDir: string;
  /** Training processes as Electron utility processes. */
  readonly processHost: ProcessHost;
}

export interface ElectronAppOptions {
  /** Builds the workbench service (opens the database, starts the run manager). */
  createBackend(context: BackendContext): Promise<WorkbenchBackend & { close(): Promise<void> }>;
  readonly preloadPath: string;
  readonly renderer: RendererLocation;
}

/** `--data-dir=<path>` or `--data-dir <path>`, else NNWB_DATA_DIR, else the OS's app-data folder. */
export function dataDirFrom(argv: readonly string[], env: NodeJS.ProcessEnv, fallback: string): string {
  const i = argv.findIndex((a) => a === '--data-dir' || a.startsWith('--data-dir='));
  if (i >= 0) {
    const value = argv[i]!.includes('=') ? argv[i]!.slice('--data-dir='.length) : argv[i + 1];
    if (value) return value;
  }
  return env.NNWB_DATA_DIR || fallback;
}

export function runElectronApp(options: ElectronAppOptions): void {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let backend: (WorkbenchBackend & { close(): Promise<void> }) | null = null;
  let disposeIpc: (() => void) | null = null;
  let quitting = false;

  const openWindow = () => createMainWindow({ preloadPath: options.preloadPath, renderer: options.renderer });

  // Every webContents, present or future, gets the same rules (a defence should a second one ever appear).
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    if (quitting || !backend) return;
    event.preventDefault();
    quitting = true;
    disposeIpc?.();
    backend
      .close()
      .catch((err: unknown) => console.error('closing the workbench failed:', err))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, options.renderer);
      const dataDir = dataDirFrom(process.argv, process.env, app.getPath('userData'));
      backend = await options.createBackend({ dataDir, processHost: createUtilityProcessHost() });
      disposeIpc = registerIpc({
        ipcMain,
        backend,
        isTrustedUrl: (url) => isAppUrl(url, options.renderer),
        targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      });
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((err: unknown) => {
      dialog.showErrorBox('NN Workbench could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
    });
}
