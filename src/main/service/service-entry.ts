// Entry of the workbench service process (utilityProcess.fork in the app, child_process.fork elsewhere):
// the database, the run queue, predictions and report rendering, away from the process that owns the windows.
import { connectToParent } from '../worker/parent-port';
import type { FromService } from './service-protocol';
import { serveWorkbench } from './serve-workbench';

// Ctrl-C in a terminal reaches the whole process group; main owns the shutdown (it sends `close`, so running
// runs end `cancelled` with their metrics), so the service must not die of it first.
process.on('SIGINT', () => {});
serveWorkbench(connectToParent<FromService>());
