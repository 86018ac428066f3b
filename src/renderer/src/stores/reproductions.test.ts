import { beforeEach, describe, expect, it } from 'vitest';
import type { ReproductionSummary } from '../../../shared/api-reproduction-types';
import type { FakeWorkbench } from '../../../shared/testing/fake-workbench';
import { installFakeApi } from '../testing/fake-api';
import { useReproductionsStore } from './reproductions';

let fake: FakeWorkbench;
beforeEach(() => {
  fake = installFakeApi();
});

const summary = (id: string, status: ReproductionSummary['status']): ReproductionSummary => ({
  id,
  scale: 'quick',
  dataset: { name: 'mnist' },
  status,
  tag: `reproduce@${id}`,
  folder: `/data/reports/${id}`,
  startedAt: 0,
  finishedAt: null,
  experiments: [],
  error: null,
  files: [],
  headline: null,
  gridTables: null,
  log: [],
});

describe('useReproductionsStore', () => {
  it('follows reproductions by their events, newest first, and knows the one running', async () => {
    const store = useReproductionsStore();
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.active).toBeNull();
    fake.emit({ event: 'reproductionUpdated', payload: summary('2026-01-01T10-00-00', 'completed') });
    fake.emit({ event: 'reproductionUpdated', payload: summary('2026-01-02T10-00-00', 'running') });
    expect(store.reproductions.map((r) => r.id)).toEqual(['2026-01-02T10-00-00', '2026-01-01T10-00-00']);
    expect(store.active?.id).toBe('2026-01-02T10-00-00');
    fake.emit({ event: 'reproductionUpdated', payload: summary('2026-01-02T10-00-00', 'writing') });
    expect(store.active?.status).toBe('writing');
    fake.emit({ event: 'reproductionUpdated', payload: summary('2026-01-02T10-00-00', 'cancelled') });
    expect(store.active).toBeNull();
    expect(store.reproductions).toHaveLength(2);
  });

  it('does not remember a file it failed to fetch: the next look asks again', async () => {
    const store = useReproductionsStore();
    await expect(store.file('2026-01-01T10-00-00', 'report.md')).rejects.toThrow(/not available/);
    await expect(store.file('2026-01-01T10-00-00', 'report.md')).rejects.toThrow(/not available/);
    expect(fake.received.filter((c) => c.call === 'getReportFile')).toHaveLength(2);
  });
});
