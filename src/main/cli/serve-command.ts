// `serve`: web mode — the workbench over HTTP + SSE on loopback; prints the URL with its token; Ctrl-C stops it.
import { serveUntilStopped } from '../app/web-app';
import { EXIT } from './exit-codes';
import { REMOTE_HELP, REMOTE_OPTIONS, remoteOf } from './remote-option';
import { choice, COMMON_OPTIONS, DATA_DIR_HELP, dataDirOf, int, parseFlags } from './flags';

export const SERVE_HELP = `Usage: nn-workbench serve [options]

Serves the workbench in a browser (web mode) on this machine only, with a fresh access token per start:
open the printed URL. Runs train in training processes; Ctrl-C or SIGTERM stops the server cleanly
(running runs are cancelled, queued runs wait for the next start).

  --port N                 port to listen on (default: a free one)
  --host HOST              127.0.0.1 (default), localhost or ::1 (loopback only)
  --concurrency N          runs training at once (default: the number of cores)
  --kernels NAME           auto (default: native where built, else wasm), native, relaxed, simd, reference
  --static DIR             serve this built renderer instead of out/renderer
${REMOTE_HELP}
${DATA_DIR_HELP}
  -h, --help               show this help
`;

const OPTIONS = {
  ...COMMON_OPTIONS,
  port: { type: 'string' },
  host: { type: 'string' },
  concurrency: { type: 'string' },
  kernels: { type: 'string' },
  static: { type: 'string' },
  ...REMOTE_OPTIONS,
} as const;

/** The web-mode options of `serve` and of the web entry (src/main/app/web-main.ts). */
export function parseServeOptions(argv: readonly string[]) {
  const v = parseFlags(argv, OPTIONS).values;
  return {
    help: Boolean(v.help),
    dataDir: dataDirOf(v['data-dir']),
    port: int('port', v.port, 0) ?? 0,
    host: choice('host', v.host, ['127.0.0.1', 'localhost', '::1'] as const, '127.0.0.1'),
    concurrency: int('concurrency', v.concurrency),
    kernels: choice('kernels', v.kernels, ['auto', 'native', 'relaxed', 'simd', 'reference'] as const, 'auto'),
    staticDir: v.static,
    ...remoteOf(v),
  };
}

export async function serveCommand(argv: readonly string[]): Promise<number> {
  const { help, ...options } = parseServeOptions(argv);
  if (help) {
    process.stdout.write(SERVE_HELP);
    return EXIT.ok;
  }
  await serveUntilStopped(options, (line) => process.stdout.write(`${line}\n`));
  return EXIT.ok;
}
