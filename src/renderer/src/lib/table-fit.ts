// Which runs-table columns fit the width: each column's width is estimated from its header and widest cells, the
// name takes what is left, and columns that do not fit drop lowest priority first (never the name), so the table
// never scrolls sideways; what was dropped is named above the table.

/** Built-in columns most worth keeping first; picked extras follow in the order picked. */
const PRIORITY: readonly string[] = [
  'name',
  'status',
  'best.testAccuracy',
  'model',
  'optimizer',
  'lr',
  'l2',
  'batchSize',
  'epochsDone',
  'final.testAccuracy',
  'seconds',
  'created',
  'dataset',
];

/** Cell padding (6 px a side, and a pixel of rounding); a header's, and its sort arrow when sorted. */
const CELL_PAD = 14;
const HEADER_PAD = 14;
const SORT_ARROW = 12;
/** Text cells wrap onto a second line past this width (and are cut after it, the full text in their tooltip). */
export const MAX_TEXT_WIDTH = 150;
/** The name column never gets less (it takes whatever width the others leave). */
export const MIN_NAME_WIDTH = 150;

export type Measure = (text: string) => number;

export interface ColumnText {
  readonly header: string;
  readonly cells: readonly string[];
  /** Text wraps (up to two lines) past MAX_TEXT_WIDTH; numbers never wrap. */
  readonly isText: boolean;
  /** The sorted column's header also holds the ▲/▼. */
  readonly sorted: boolean;
}

/** A column's width: the least it needs (text wrapped past MAX_TEXT_WIDTH) and all it could use (on one line). */
export interface ColumnSize {
  readonly id: string;
  readonly width: number;
  readonly full: number;
}

/** Width a column wants: its header, or its widest cell (text capped), whichever is wider; and uncapped. */
export function columnWidth(c: ColumnText, measureHeader: Measure, measureCell: Measure): { width: number; full: number } {
  let widest = 0;
  for (const cell of c.cells) widest = Math.max(widest, measureCell(cell));
  const header = measureHeader(c.header) + HEADER_PAD + (c.sorted ? SORT_ARROW : 0);
  const width = Math.ceil(Math.max(header, (c.isText ? Math.min(widest, MAX_TEXT_WIDTH) : widest) + CELL_PAD));
  return { width, full: Math.ceil(Math.max(header, widest + CELL_PAD)) };
}

/** A status badge: dot, gap and padding around its word (plus "45%" while running). */
export function badgeWidth(label: string, running: boolean, measureBadge: Measure): number {
  return Math.ceil(measureBadge(label) + 29 + (running ? 36 : 0) + CELL_PAD);
}

export interface FitResult {
  /** Column ids to show, in the order given. */
  readonly shown: readonly string[];
  readonly hidden: readonly string[];
  /** Width of each shown column but the name (which takes the rest): wrapped text widened as room allows. */
  readonly widths: ReadonlyMap<string, number>;
}

/**
 * Keeps the columns (`widths` in display order, the name's being its minimum) whose total fits `available`
 * pixels, dropping by priority: built-ins in PRIORITY order, then picked columns last-picked first. Room left
 * goes to the name up to its full width first, then unwraps text columns.
 */
export function fitColumns(widths: readonly ColumnSize[], available: number): FitResult {
  const rank = (id: string, i: number) => {
    const p = PRIORITY.indexOf(id);
    return p >= 0 ? p : PRIORITY.length + i;
  };
  const byPriority = widths.map((w, i) => ({ ...w, rank: rank(w.id, i) })).sort((a, b) => a.rank - b.rank);
  const keep = new Set<string>();
  let used = 0;
  for (const c of byPriority) {
    if (c.id !== 'name' && used + c.width > available) continue;
    keep.add(c.id);
    used += c.width;
  }
  const shown = widths.filter((w) => keep.has(w.id));
  const name = shown.find((w) => w.id === 'name');
  let spare = available - used - (name ? name.full - name.width : 0);
  const sized = new Map<string, number>();
  for (const c of byPriority.filter((w) => keep.has(w.id) && w.id !== 'name')) {
    const grow = Math.max(0, Math.min(spare, c.full - c.width));
    sized.set(c.id, c.width + grow);
    spare -= grow;
  }
  return { shown: shown.map((w) => w.id), hidden: widths.filter((w) => !keep.has(w.id)).map((w) => w.id), widths: sized };
}
