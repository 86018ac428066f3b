// How big to draw a grid of small images (first-layer weights, conv kernels) in the width there is.

export interface TileLayout {
  readonly columns: number;
  /** Screen pixels per image pixel. */
  readonly scale: number;
}

/** Tiles in CSS pixels: at least the image itself, at most what still reads as one picture. */
export const MIN_TILE = 28;
export const MAX_TILE = 120;

/**
 * `count` images of `size` pixels across, `maxColumns` to a row, filling `available` CSS pixels (gaps of `gap`
 * between tiles): each tile as wide as the row allows, between MIN_TILE (or the image's own size) and MAX_TILE.
 */
export function tileLayout(count: number, size: number, available: number, maxColumns: number, gap: number): TileLayout {
  const columns = Math.max(1, Math.min(count, maxColumns));
  const fit = Math.floor((available - (columns - 1) * gap) / columns);
  const tile = Math.max(Math.max(MIN_TILE, size), Math.min(MAX_TILE, fit));
  return { columns, scale: tile / size };
}
