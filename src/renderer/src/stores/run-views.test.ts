import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeWorkbench } from '../../../shared/testing/fake-workbench';
import { installFakeApi } from '../testing/fake-api';
import { useRunViewsStore } from './run-views';
import { useRunsViewStore } from './runs-view';

let fake: FakeWorkbench;
beforeEach(() => {
  fake = installFakeApi();
});

describe('useRunViewsStore', () => {
  it('saves the table as it is, marks it modified when it changes, and applies it back', async () => {
    const table = useRunsViewStore();
    const views = useRunViewsStore();
    await views.load();
    expect(views.modified).toBe(false);
    table.setQuery('optimizer = adam');
    table.setColumns(['name', 'lr', 'optimizer.beta1']);
    table.sortBy('lr');
    expect(views.modified).toBe(true);
    await views.save('adam');
    expect(fake.received.find((r) => r.call === 'saveRunView')?.input).toEqual({
      name: 'adam',
      query: 'optimizer = adam',
      statuses: [],
      tags: [],
      columns: ['name', 'lr', 'optimizer.beta1'],
      sort: { column: 'lr', direction: 'desc' },
    });
    expect(views.current).toBe('adam');
    expect(views.modified).toBe(false);

    views.apply(null);
    expect(table.filter.query).toBe('');
    expect(table.columns).toContain('best.testAccuracy');
    views.apply(views.views[0]!);
    expect(table.columns).toEqual(['name', 'lr', 'optimizer.beta1']);
    expect(table.filter.query).toBe('optimizer = adam');
    await views.remove('adam');
    expect(views.views).toEqual([]);
    expect(views.current).toBeNull();
  });
});
