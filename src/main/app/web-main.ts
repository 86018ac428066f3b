// Entry of web mode (`node --import tsx src/main/app/web-main.ts [--port N] [--data-dir DIR]`):
// the workbench in a browser; prints the URL with its token; SIGINT/SIGTERM shut it down cleanly.
import { runEntry } from '../cli/run-entry';
import { parseServeOptions, SERVE_HELP } from '../cli/serve-command';
import { serveUntilStopped } from './web-app';

async function main(argv: readonly string[]): Promise<number> {
  const { help, ...options } = parseServeOptions(argv);
  if (help) {
    process.stdout.write(SERVE_HELP.replace('nn-workbench serve', 'web-main'));
    return 0;
  }
  await serveUntilStopped(options, (line) => process.stdout.write(`${line}\n`));
  return 0;
}

runEntry(main);
