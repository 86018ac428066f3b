// The command-line entry: `<command> [options]`; errors become one clear line and a trustworthy exit code.
import { exportCommand } from './export-command';
import { runEntry } from './run-entry';
import { EXIT } from './exit-codes';
import { gridCommand } from './grid-command';
import { reproduceCommand } from './reproduce-command';
import { runsCommand } from './runs-command';
import { serveCommand } from './serve-command';
import { sweepCommand } from './sweep-command';
import { trainCommand } from './train-command';
import { UsageError } from './usage-error';

const COMMANDS: Record<string, (argv: readonly string[]) => Promise<number>> = {
  train: trainCommand,
  grid: gridCommand,
  sweep: sweepCommand,
  runs: runsCommand,
  export: exportCommand,
  serve: serveCommand,
  reproduce: reproduceCommand,
};

const HELP = `Usage: nn-workbench <command> [options]     (from the sources: node --import tsx src/main/cli/main.ts …)

Commands:
  train    train one model and record the run (see \`train --help\`)
  grid     run a grid search over config values (see \`grid --help\`)
  sweep    run a grid, random or Bayesian sweep with early termination (see \`sweep --help\`)
  runs     list the recorded runs, or show one (\`runs list\`, \`runs show ID\`)
  export   write a run's files, a table of runs, or a figure (see \`export --help\`)
  serve    serve the workbench in a browser (web mode; prints the URL with its token)
  reproduce  re-run every experiment of the course report and write its report folder (see \`reproduce --help\`)

Every command takes --data-dir DIR (default: $NNWB_DATA_DIR, else the per-user data folder) and --help.
Exit codes: 0 ok, 1 a run (or the command) failed, 2 bad usage or a refused value, 130 interrupted.
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(HELP);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  // Own properties only: `constructor` or `toString` is no command.
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) throw new UsageError(`unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
  return run(rest);
}

runEntry(main);
