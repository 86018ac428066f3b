// `reproduce` options: full or quick scale, where the report goes, the session tag, and refused values.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { timeOfName, timestampName } from '../reproduce/session-name';
import { parseReproduceOptions } from './reproduce-command';
import { UsageError } from './usage-error';

const now = new Date('2025-03-01T14:05:09.123Z');

describe('parseReproduceOptions', () => {
  it('defaults to the full report on MNIST, into reports/<date-time>, tagged with the same time', () => {
    const o = parseReproduceOptions(['--data-dir', '/tmp/d'], now);
    expect(o).toMatchObject({ help: false, dataDir: '/tmp/d', session: 'reproduce@2025-03-01T14-05-09', json: false, quiet: false, kernels: 'auto' });
    if (o.help) throw new Error('unreachable');
    expect(o.scale.name).toBe('full');
    expect(o.scale.dataset).toEqual({ name: 'mnist' });
    expect(o.outDir).toBe(path.resolve('reports', '2025-03-01T14-05-09'));
    expect(o.reportOnly).toBeUndefined();
  });

  it('takes --quick, --out, a dataset folder, the concurrency and --report-only', () => {
    const o = parseReproduceOptions(
      ['--quick', '--out', 'r', '--dataset', 'fixtures/x', '--concurrency', '1', '--report-only', 'reproduce@2025-01-01T00-00-00'],
      now,
    );
    if (o.help) throw new Error('unreachable');
    expect(o.scale).toMatchObject({ name: 'quick', limitTrain: 2000, dataset: { name: 'folder', path: path.resolve('fixtures/x') } });
    expect(o).toMatchObject({ outDir: path.resolve('r'), concurrency: 1, reportOnly: 'reproduce@2025-01-01T00-00-00' });
  });

  it('refuses unknown flags, a bad concurrency and a tag that is no session tag', () => {
    expect(() => parseReproduceOptions(['--epochs', '3'])).toThrow(UsageError);
    expect(() => parseReproduceOptions(['--concurrency', '0'])).toThrow(/--concurrency/);
    expect(() => parseReproduceOptions(['--report-only', 'cli'])).toThrow(/session tag like reproduce@/);
  });

  it('names folders by UTC time without colons', () => {
    expect(timestampName(now)).toBe('2025-03-01T14-05-09');
    expect(timeOfName('2025-03-01T14-05-09')).toBe(Date.parse('2025-03-01T14:05:09Z'));
    expect(timeOfName('copy of a report')).toBe(0);
    expect(parseReproduceOptions(['--help'])).toEqual({ help: true });
  });
});
