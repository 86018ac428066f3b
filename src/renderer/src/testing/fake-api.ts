// A renderer test's workbench: the in-memory fake behind the same client the app uses, installed as the api.
import { createPinia, setActivePinia } from 'pinia';
import { createApiClient, inProcessTransport } from '../../../shared/api-client';
import { createFakeWorkbench, type FakeWorkbench } from '../../../shared/testing/fake-workbench';
import { useApiForTests } from '../api';

export function installFakeApi(): FakeWorkbench {
  const fake = createFakeWorkbench();
  useApiForTests(createApiClient(inProcessTransport(fake)));
  setActivePinia(createPinia());
  return fake;
}

/** Lets pending promise callbacks run. */
export const flush = () => new Promise((r) => setTimeout(r, 0));
