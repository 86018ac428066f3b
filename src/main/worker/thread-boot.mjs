// Boots a training thread from TypeScript sources: tsx's hooks, then the entry given as the first argument.
// A worker thread does not inherit the `--import tsx` of its process, and tsx's own loader registers itself
// on the main thread only. Plain JavaScript so that Node can load it before any hook exists.
import { register as registerEsm } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

registerEsm();
registerCjs();
await import(process.argv[2]);
