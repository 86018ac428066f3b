// A run manager in a process of its own, for the restart test: it owns `<dataDir>`, starts one long run
// and prints a JSON line per finished epoch ({ runId, epoch, workerPid }) until it is killed.
import { databaseFile, openStore } from '../../db';
import { RunManager } from '../run-manager';
import { spyHost } from './manager-fixtures';

const [dataDir, configJson] = process.argv.slice(2);
if (!dataDir || !configJson) throw new Error('usage: manager-process <dataDir> <config JSON>');
const store = openStore(databaseFile(dataDir));
const host = spyHost();
const manager = new RunManager(store, host, { concurrency: 1, progressIntervalMs: 20 });
manager.start();
const run = manager.startRun(JSON.parse(configJson));
manager.events.on('runEpoch', (e) => {
  process.stdout.write(`${JSON.stringify({ runId: run.id, epoch: e.record.epoch, workerPid: host.spawned[0]?.pid })}\n`);
});
