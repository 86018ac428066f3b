// The command-line entry: `<command> [options]`; errors become one clear line and a trustworthy exit code.
import { ValidationError } from '../../shared/validation';
import { trainCommand } from './train-command';
import { UsageError } from './usage-error';

const COMMANDS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  train: trainCommand,
};

/** Errors that already say what is wrong in words a user can act on (the engine's typed errors). */
const SELF_EXPLAINING = new Set(['EngineError', 'ShapeError', 'DatasetError', 'ConfigError']);

const HELP = `Usage: nn-workbench <command> [options]

Commands:
  train   train one model (see \`train --help\`)
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command '${command}'`);
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const e = error as Error;
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\nRun with --help to see the options.\n`);
      process.exitCode = 2;
    } else if (e instanceof ValidationError || e.name === 'ConfigError') {
      process.stderr.write(`error: invalid ${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`error: ${SELF_EXPLAINING.has(e.name) ? e.message : (e.stack ?? String(e))}\n`);
      process.exitCode = 1;
    }
  },
);
