// Entry of web mode (`node --import tsx src/main/app/web-main.ts [--port N] [--data-dir DIR]`):
// the workbench in a browser; prints the URL with its token; SIGINT/SIGTERM shut it down cleanly.
import { describeError } from '../cli/errors';
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { message, code } = describeError(error);
    process.stderr.write(`${message}\n`);
    process.exitCode = code;
  },
);
