// Runs a command-line entry: its result is the exit code; an error becomes one clear line and its code.
import { describeError } from './errors';

export function runEntry(main: (argv: readonly string[]) => Promise<number>): void {
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
}
