import { describe, expect, it } from 'vitest';
import { axisTickFormatter, formatCount, formatDuration, formatParam, formatPercent, formatValue, formatWhen, percentTick } from './format';

describe('format', () => {
  it('formats percentages and missing values', () => {
    expect(formatPercent(0.98123)).toBe('98.12%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('writes hyperparameters the way the report does', () => {
    expect(formatParam(0.001)).toBe('1e-3');
    expect(formatParam(0.0005)).toBe('5e-4');
    expect(formatParam(0.05)).toBe('0.05');
    expect(formatParam(128)).toBe('128');
    expect(formatParam(0)).toBe('0');
    expect(formatParam(0.00316227766)).toBe('3.16e-3');
  });

  it('formats metric values with four significant digits', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(0.00001234)).toBe('1.23e-5');
    expect(formatValue(null)).toBe('—');
  });

  it('formats durations in the largest useful unit', () => {
    expect(formatDuration(3.25)).toBe('3.3 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(-1)).toBe('—');
  });

  it('formats times relative to now', () => {
    const now = 1_700_000_000_000;
    expect(formatWhen(now - 10_000, now)).toBe('just now');
    expect(formatWhen(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(formatWhen(now - 3 * 3600_000, now)).toBe('3 h ago');
  });

  it('writes the ticks of one axis in one notation', () => {
    const lr = axisTickFormatter(0.001);
    expect([0, 2e-4, 8e-4, 0.001].map(lr)).toEqual(['0', '2e-4', '8e-4', '1e-3']);
    const loss = axisTickFormatter(2.3);
    expect([0, 0.5, 1.25, 2].map(loss)).toEqual(['0', '0.5', '1.25', '2']);
    expect([0, 0.01, 0.05].map(axisTickFormatter(0.05))).toEqual(['0', '0.01', '0.05']);
    expect([2e5, 4e5].map(axisTickFormatter(4e5))).toEqual(['2e5', '4e5']);
  });

  it('writes percent ticks without padding zeros', () => {
    expect([1, 0.95, 0.8, 0.975, 0.8125].map(percentTick)).toEqual(['100%', '95%', '80%', '97.5%', '81.25%']);
  });

  it('formats counts compactly', () => {
    expect(formatCount(79510)).toBe('79.5 k');
    expect(formatCount(1_234_567)).toBe('1.23 M');
    expect(formatCount(512)).toBe('512');
  });
});
