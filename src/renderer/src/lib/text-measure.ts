// Text widths in pixels for a CSS font, from a canvas (one shared context); a fair estimate where there is none (tests).
import type { Measure } from './table-fit';

let context: CanvasRenderingContext2D | null | undefined;

export function textMeasure(font: string): Measure {
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const ctx = context;
  if (!ctx) return (text) => text.length * 7.2;
  const cache = new Map<string, number>();
  return (text) => {
    let w = cache.get(text);
    if (w === undefined) {
      ctx.font = font;
      w = ctx.measureText(text).width;
      cache.set(text, w);
    }
    return w;
  };
}
