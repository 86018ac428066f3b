// Chart colours for each theme, matching styles/theme.css. Series colours keep their meaning everywhere:
// train is the first colour, test the second, validation the third, the learning rate the fifth.

export interface ChartPalette {
  readonly series: readonly string[];
  readonly text: string;
  readonly textMuted: string;
  readonly axis: string;
  readonly grid: string;
  readonly tooltip: string;
  readonly background: string;
  /** Diverging map for weights (negative → zero → positive). */
  readonly diverging: readonly string[];
  /** Sequential map for counts and accuracies (low → high). */
  readonly sequential: readonly string[];
}

const LIGHT: ChartPalette = {
  series: ['#3b6fd8', '#e07a2f', '#2e9e6a', '#d0454c', '#8b5cc7', '#8c6d4f', '#d65db1', '#6b7280', '#b09b10', '#1a9fb2'],
  text: '#1b1f27',
  textMuted: '#5f6775',
  axis: '#c9ced8',
  grid: '#eceef2',
  tooltip: '#ffffff',
  background: '#ffffff',
  diverging: ['#2b59c3', '#8fb0ea', '#f7f7f7', '#f0a07a', '#c7352b'],
  sequential: ['#f3f5fb', '#c9d4f5', '#8ea5ec', '#5573d9', '#2c44a8'],
};

const DARK: ChartPalette = {
  series: ['#6d9cff', '#ffa360', '#4fd08f', '#ff6f77', '#b892ff', '#c9a07a', '#ff88d2', '#a2a9b6', '#e6cf4a', '#45d1e4'],
  text: '#e7e9ee',
  textMuted: '#a7adb9',
  axis: '#434954',
  grid: '#2a2e35',
  tooltip: '#22252b',
  background: '#1a1c21',
  diverging: ['#5b8dff', '#2f4470', '#22252b', '#7a3f2e', '#ff7a5c'],
  sequential: ['#1f2230', '#2b3563', '#3d54a8', '#5f7de6', '#a5b7ff'],
};

export function chartPalette(theme: 'light' | 'dark'): ChartPalette {
  return theme === 'dark' ? DARK : LIGHT;
}

/** Background colour of a table cell for a value in [0, 1] (heat-coloured tables), as an rgba string. */
export function heatColor(t: number, theme: 'light' | 'dark'): string {
  const x = Math.max(0, Math.min(1, t));
  // Low scores fade out; high scores glow in the accent colour, strongly enough to read at a glance.
  const [r, g, b] = theme === 'dark' ? [109, 156, 255] : [59, 111, 216];
  return `rgba(${r}, ${g}, ${b}, ${(0.06 + 0.5 * x * x).toFixed(3)})`;
}
