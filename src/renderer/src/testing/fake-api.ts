// A renderer test's workbench: the in-memory fake behind the same client the app uses, installed as the api,
// with the sweep calls from an in-memory fake of their own.
import { createPinia, setActivePinia } from 'pinia';
import { createApiClient, inProcessTransport } from '../../../shared/api-client';
import { createFakeWorkbench, type FakeWorkbench } from '../../../shared/testing/fake-workbench';
import { useApiForTests } from '../api';
import { createFakeSweeps, type FakeSweeps } from './fake-sweeps';

export function installFakeApi(): FakeWorkbench & { readonly sweeps: FakeSweeps } {
  const fake = createFakeWorkbench();
  const sweeps = createFakeSweeps();
  useApiForTests(Object.assign(createApiClient(inProcessTransport(fake)), sweeps.calls));
  setActivePinia(createPinia());
  return Object.assign(fake, { sweeps });
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
