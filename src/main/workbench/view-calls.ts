// The saved views of the runs table: list, save (replacing one of the same name), delete.
import type { CallInput, CallOutput } from '../../shared/api-contract';
import { ConflictError, NotFoundError } from '../../shared/api-wire';
import { MAX_RUN_VIEWS } from '../../shared/run-view';
import type { Store } from '../db';

export class ViewCalls {
  constructor(private readonly store: Store) {}

  listRunViews(): CallOutput<'listRunViews'> {
    return this.store.views.list();
  }

  saveRunView(view: CallInput<'saveRunView'>): CallOutput<'saveRunView'> {
    if (!this.store.views.has(view.name) && this.store.views.count() >= MAX_RUN_VIEWS) {
      throw new ConflictError(`there are already ${MAX_RUN_VIEWS} saved views: delete one first`);
    }
    return this.store.views.save(view);
  }

  deleteRunView({ name }: CallInput<'deleteRunView'>): CallOutput<'deleteRunView'> {
    if (!this.store.views.delete(name)) throw new NotFoundError(`no saved view is called "${name}"`);
  }
}
