import { describe, expect, it } from 'vitest';
import { badgeWidth, columnWidth, fitColumns, MAX_TEXT_WIDTH } from './table-fit';

const measure = (s: string) => s.length * 7;

describe('columnWidth', () => {
  const text = (header: string, cells: string[], sorted = false) => ({ header, cells, isText: true, sorted });
  it('fits the header or the widest cell, text capped', () => {
    expect(columnWidth({ ...text('LR', ['1e-3', '0.05']), isText: false }, measure, measure).width).toBe(4 * 7 + 14);
    expect(columnWidth(text('Optimizer', ['SGD']), measure, measure).width).toBe(9 * 7 + 14);
    expect(columnWidth(text('Optimizer', ['SGD'], true), measure, measure).width).toBe(9 * 7 + 14 + 12);
    expect(columnWidth(text('Model', ['hidden 64 relu']), measure, measure)).toEqual({ width: 14 * 7 + 14, full: 14 * 7 + 14 });
    expect(columnWidth(text('Model', ['x'.repeat(100)]), measure, measure)).toEqual({ width: MAX_TEXT_WIDTH + 14, full: 700 + 14 });
    expect(badgeWidth('Completed', false, measure)).toBe(9 * 7 + 29 + 14);
  });
});

describe('fitColumns', () => {
  // Widths measured in Chromium for the default columns (a CNN's model text wrapping at 150 px) and one picked column.
  const widths = [
    { id: 'name', width: 150, full: 700 },
    { id: 'status', width: 109, full: 109 },
    { id: 'best.testAccuracy', width: 87, full: 87 },
    { id: 'final.testAccuracy', width: 78, full: 78 },
    { id: 'model', width: 164, full: 284 },
    { id: 'optimizer', width: 91, full: 91 },
    { id: 'lr', width: 44, full: 44 },
    { id: 'l2', width: 44, full: 44 },
    { id: 'batchSize', width: 53, full: 53 },
    { id: 'epochsDone', width: 62, full: 62 },
    { id: 'seconds', width: 85, full: 85 },
    { id: 'created', width: 92, full: 92 },
    { id: 'dataset', width: 67, full: 67 },
  ];

  it('keeps everything when it fits, giving the room left to the name first, then to wrapped text', () => {
    const fit = fitColumns(widths, 2000);
    expect(fit).toMatchObject({ shown: widths.map((w) => w.id), hidden: [] });
    expect(fit.widths.get('model')).toBe(284);
    // 2000 − 1126 (all at their least) − 550 (to the name's full width) leaves 324: enough to unwrap the model.
    expect(fitColumns(widths, 1500).widths.get('model')).toBe(164);
    expect(fitColumns(widths, 1750).widths.get('model')).toBe(164 + 74);
  });

  it('at 1024 px keeps the model, optimizer, lr and L2, dropping lower priorities and keeping the order', () => {
    // 1024 px: 208 for the sidebar, 2 × 16 of page padding, 2 of border, 74 for the select box and the actions menu.
    const fit = fitColumns(widths, 1024 - 208 - 32 - 2 - 74);
    expect(fit.shown).toEqual(['name', 'status', 'best.testAccuracy', 'model', 'optimizer', 'lr', 'l2']);
    expect(fit.hidden).toEqual(['final.testAccuracy', 'batchSize', 'epochsDone', 'seconds', 'created', 'dataset']);
  });

  it('at 1400 px keeps every default column, duration and created included; picked extras drop before built-ins', () => {
    const available = 1400 - 208 - 48 - 2 - 74;
    expect(fitColumns(widths.slice(0, -1), available).hidden).toEqual([]);
    expect(fitColumns(widths, available).hidden).toEqual(['dataset']);
    expect(fitColumns(widths, 50).shown).toEqual(['name']);
  });
});
