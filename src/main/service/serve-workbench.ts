// The workbench service process's loop: opens the workbench when main asks, answers calls through the same
// dispatcher as every front door (validation, errors as { name, message, field }), forwards events, and on
// `close` lets the calls in flight finish, closes the workbench, says `closed` and exits.
import { createDispatcher, type Dispatch } from '../../shared/api-dispatch';
import { toWireError } from '../../shared/api-wire';
import type { ParentLink } from '../worker/parent-port';
import { createWorkbench, type Workbench } from '../workbench/create-workbench';
import { createRelayedProcessHost } from './relayed-process-host';
import { type FromService, isProcessReport, messageType, type ServiceOptions, type ToService } from './service-protocol';

export function serveWorkbench(link: ParentLink<FromService>, exit: (code: number) => void = (code) => process.exit(code)): void {
  const warn = (line: string) => process.stderr.write(`workbench service: ${line}\n`);
  const send = (msg: FromService) => link.send(msg).catch((err: unknown) => warn(`could not send ${msg.type}: ${toWireError(err).message}`));
  const relay = createRelayedProcessHost((req) => void send(req));
  const inFlight = new Set<Promise<unknown>>();
  let workbench: Workbench | null = null;
  let dispatch: Dispatch | null = null;
  let closing = false;

  const open = (options: ServiceOptions) => {
    if (workbench) return warn('ignoring a second open');
    try {
      workbench = createWorkbench({ ...options, processHost: relay.host });
    } catch (err) {
      // Nothing is open: say why (a database too new, a folder another app trains from) and leave.
      void send({ type: 'openFailed', error: toWireError(err) }).then(() => exit(1));
      return;
    }
    dispatch = createDispatcher(workbench);
    workbench.subscribe((event) => void send({ type: 'event', event }));
    void send({ type: 'opened', startup: workbench.startup });
  };

  const call = (id: number, name: string, input: unknown) => {
    const answer =
      dispatch && !closing
        ? dispatch(name, input)
        : Promise.resolve({
            ok: false as const,
            error: { name: 'ServiceStoppedError', message: closing ? 'the workbench is shutting down' : 'the workbench is not open' },
          });
    const sent = answer.then((result) => send({ type: 'result', id, result }));
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  };

  const close = async (keepQueued: boolean) => {
    if (closing) return;
    closing = true;
    let code = 0;
    try {
      await Promise.allSettled([...inFlight]);
      await workbench?.close({ keepQueued });
    } catch (err) {
      warn(`closing failed: ${toWireError(err).message}`);
      code = 1;
    }
    await send({ type: 'closed' });
    exit(code);
  };

  link.onMessage((raw) => {
    if (messageType(raw) === undefined) return warn('ignoring a message without a type');
    const msg = raw as ToService;
    switch (msg.type) {
      case 'open':
        return open(msg.options);
      case 'call':
        return call(msg.id, msg.call, msg.input);
      case 'close':
        return void close(msg.keepQueued);
      default:
        if (isProcessReport(msg)) relay.receive(msg);
        else warn(`ignoring a message of type ${String((msg as { type: unknown }).type)}`);
    }
  });
  // Main went away without a word (killed): stop the runs cleanly rather than linger.
  link.onDisconnect(() => void close(true));
}
