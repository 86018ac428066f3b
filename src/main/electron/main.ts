// The Electron app's lifecycle: one instance, a hardened session, the workbench service (its own process)
// behind IPC, one window; on quit the service closes (runs stop cleanly) before the app exits. This process
// only owns windows and moves messages, so no SQLite read or prediction ever freezes a window.
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { dataDirFromArgv } from '../db/data-dir';
import type { WorkbenchService } from '../service/workbench-service';
import { registerIpc } from './ipc';
import { isAppUrl, type RendererLocation } from './trusted-urls';
import { createMainWindow, hardenSession } from './window';

export interface ElectronAppOptions {
  /** Starts the workbench service process on the data folder (see entry.ts). */
  startService(dataDir: string): Promise<WorkbenchService>;
  readonly preloadPath: string;
  readonly renderer: RendererLocation;
}

export function runElectronApp(options: ElectronAppOptions): void {
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let service: WorkbenchService | null = null;
  let disposeIpc: (() => void) | null = null;
  let quitting = false;

  const openWindow = () => createMainWindow({ preloadPath: options.preloadPath, renderer: options.renderer });
  const fail = (title: string, err: unknown) => {
    dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
    app.exit(1);
  };

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
    if (quitting || !service) return;
    event.preventDefault();
    quitting = true;
    disposeIpc?.();
    service
      .close()
      .catch((err: unknown) => console.error('closing the workbench failed:', err))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession, options.renderer);
      // The folder the CLI and web mode use (--data-dir, $NNWB_DATA_DIR, else the default), not Electron's userData.
      service = await options.startService(dataDirFromArgv(process.argv));
      // Recorded runs are safe in SQLite; without the service the window could only show errors.
      service.onCrash((reason) => fail('NN Workbench stopped working', `${reason}\n\nYour runs so far are saved. Start NN Workbench again to carry on.`));
      disposeIpc = registerIpc({
        ipcMain,
        dispatch: service.dispatch,
        events: service,
        isTrustedUrl: (url) => isAppUrl(url, options.renderer),
        targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
      });
      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((err: unknown) => fail('NN Workbench could not start', err));
}
