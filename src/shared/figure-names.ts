// One file-name pattern for every figure the user saves, from the app's charts and from the service:
// run-<id>-<name>-<what>[-epoch-<n>], runs-<id>-<id>…-<what> for several runs, grid-<id>-<name>-<what> for a grid.

/** "Run 3: lr=0.1" → "run-3-lr-0-1": lower case, letters and digits, dashes between. */
export function slug(text: string, max = 48): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, max)
      .replace(/-+$/, '') || 'run'
  );
}

/** A figure of one run or several (`epoch` 0-based, written 1-based), without its extension. */
export function figureStem(runs: readonly { readonly id: number; readonly name: string }[], what: string, epoch?: number): string {
  const who = runs.length === 1 ? `run-${runs[0]!.id}-${slug(runs[0]!.name)}` : `runs-${runs.map((r) => r.id).join('-')}`.slice(0, 80);
  return `${who}-${slug(what)}${epoch === undefined ? '' : `-epoch-${epoch + 1}`}`;
}

/** A figure of a grid search, without its extension. */
export function gridFigureStem(grid: { readonly id: number; readonly name: string }, what: string): string {
  return `grid-${grid.id}-${slug(grid.name)}-${slug(what)}`;
}
