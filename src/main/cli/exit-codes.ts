// The exit codes scripts can trust, the same for every command.
export const EXIT = {
  ok: 0,
  /** A run failed or diverged (or, for a grid, at least one did); or the command itself failed. */
  failed: 1,
  /** A malformed command line or a refused value (the message names the option or field). */
  usage: 2,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM; the run is recorded as cancelled. */
  interrupted: 130,
} as const;
