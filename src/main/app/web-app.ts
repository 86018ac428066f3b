// Web mode: the workbench service behind the web front door on loopback, with the token in the URL it prints.
import { startWebServer, type WebServer } from '../web/server';
import { connectRemote, type RemoteChoice } from '../remote/connect-remote';
import { createWorkbench, type Workbench, type WorkbenchOptions } from '../workbench/create-workbench';
import { rendererDir } from './renderer-dir';

export interface WebAppOptions extends Omit<WorkbenchOptions, 'mode' | 'remote' | 'placement'>, RemoteChoice {
  /** '127.0.0.1' (default), 'localhost' or '::1'. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly token?: string;
  /** The built renderer (default: out/renderer, else a page saying how to build it). */
  readonly staticDir?: string;
}

export interface WebApp {
  /** Open this: it carries the token. */
  readonly url: string;
  readonly server: WebServer;
  readonly workbench: Workbench;
  /** False when the UI is not built and a stand-in page is served. */
  readonly uiBuilt: boolean;
  /** Stops the server, then the workbench (running runs are cancelled, queued ones kept for next time). */
  close(): Promise<void>;
}

export async function startWebApp(options: WebAppOptions): Promise<WebApp> {
  const { host, port, token, staticDir, redisUrl, queue, ...workbenchOptions } = options;
  // With --redis the app can send runs to workers; they still start local until the user switches.
  const { remote } = await connectRemote({ redisUrl, queue }, workbenchOptions.dataDir);
  let workbench: Workbench;
  try {
    workbench = createWorkbench({ ...workbenchOptions, remote, mode: 'web' });
  } catch (err) {
    await remote?.close();
    throw err;
  }
  const ui = rendererDir(staticDir);
  let server: WebServer;
  try {
    server = await startWebServer({ api: workbench, host, port, token, staticDir: ui.dir });
  } catch (err) {
    ui.dispose();
    await workbench.close();
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    url: server.url,
    server,
    workbench,
    uiBuilt: ui.built,
    close: () =>
      (closing ??= (async () => {
        try {
          await server.close();
        } finally {
          ui.dispose();
          await workbench.close({ keepQueued: true });
        }
      })()),
  };
}

/**
 * Starts web mode, prints where it is, and resolves after SIGINT or SIGTERM has shut it down cleanly
 * (a second signal exits at once). `print` gets one line per message.
 */
export async function serveUntilStopped(options: WebAppOptions, print: (line: string) => void): Promise<void> {
  const app = await startWebApp(options);
  print(`NN Workbench (web mode) is serving ${app.workbench.dataDir}`);
  if (!app.uiBuilt) print('the UI is not built (run `npm run build`): the page says so; the API works');
  print(`open ${app.url}`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      process.once(signal, () => process.exit(130));
      print(`${signal}: stopping (running runs are cancelled, queued runs wait for the next start)…`);
      app.close().then(resolve, (err: unknown) => {
        print(`error while stopping: ${err instanceof Error ? err.message : String(err)}`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
