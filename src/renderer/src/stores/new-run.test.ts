import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeWorkbench } from '../../../shared/testing/fake-workbench';
import { installFakeApi } from '../testing/fake-api';
import { useNewRunStore } from './new-run';
import { useRunsStore } from './runs';

let fake: FakeWorkbench;
beforeEach(() => {
  fake = installFakeApi();
});

describe('useNewRunStore', () => {
  it('a bad value shows its error and starts nothing', async () => {
    const store = useNewRunStore();
    store.form.lr = '-1';
    expect(await store.submit()).toBeNull();
    expect(store.errors.lr).toBe('must be > 0');
    expect(fake.received.filter((r) => r.call === 'startRun')).toHaveLength(0);
  });

  it('starts a valid run and the runs store has it', async () => {
    const store = useNewRunStore();
    store.applyPreset('quick-look');
    const run = await store.submit();
    expect(run?.status).toBe('queued');
    expect(useRunsStore().get(run!.id)).toBeDefined();
    expect(fake.received.find((r) => r.call === 'startRun')?.input).toMatchObject({ limitTrain: 2000, epochs: 2 });
  });

  it('sends the placement chosen in the form with the start call, and none when left to the workbench', async () => {
    const store = useNewRunStore();
    store.applyPreset('quick-look');
    await store.submit();
    store.placement = 'workers';
    await store.submit();
    const inputs = fake.received.filter((r) => r.call === 'startRun').map((r) => (r.input as { placement?: string }).placement);
    expect(inputs).toEqual([undefined, 'workers']);
  });

  it('forks from a run into the form and starts the fork through forkRun', async () => {
    const store = useNewRunStore();
    const parent = await useRunsStore().start({ ...(await import('../../../shared/testing/configs')).tinyConfig({ name: 'base' }) });
    store.loadFrom(parent);
    expect(store.form.name).toBe('base (fork)');
    store.form.lr = '0.2';
    const child = await store.submit();
    expect(child?.parentId).toBe(parent.id);
    expect(child?.config.lr).toBe(0.2);
  });

  it('asks the service about a folder first, and starts nothing when it holds no dataset', async () => {
    const store = useNewRunStore();
    store.form.dataset = 'folder';
    store.form.folderPath = '/nowhere';
    expect(await store.submit()).toBeNull();
    // The fake workbench cannot look at folders: its refusal is the folder's problem.
    expect(store.errors.folderPath).toMatch(/checkDataset/);
    expect(fake.received.filter((r) => r.call === 'startRun')).toHaveLength(0);
  });

  it('refuses an over-long folder path beside its field before asking anyone', async () => {
    const store = useNewRunStore();
    store.form.dataset = 'folder';
    store.form.folderPath = 'x'.repeat(5000);
    expect(await store.submit()).toBeNull();
    expect(store.errors.folderPath).toMatch(/4096/);
  });
});
