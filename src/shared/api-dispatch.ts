// The main side of every front door: look the call up, validate its input with the contract, run it, wrap the outcome.
import { apiCalls, type CallArg, type CallOutput, type WorkbenchApi } from './api-contract';
import { type CallName, isCallName } from './api-names';
import { ApiError, toWireError, type ApiResult } from './api-wire';
import { checkInput } from './input-guard';
import { parseWith } from './validation';

/** Runs one call by name on raw (untrusted) input; never throws, never rejects. */
export type Dispatch = (call: string, input: unknown) => Promise<ApiResult>;

/**
 * A dispatcher over `api`: unknown call ⇒ NotFoundError, bad input ⇒ ValidationError naming the field
 * (too deeply nested or not valid Unicode: see input-guard; else as its schema says; the service is not called), a throwing service ⇒ its error as `{ name, message }`.
 */
export function createDispatcher(api: WorkbenchApi): Dispatch {
  return async (call, input) => {
    if (!isCallName(call)) return { ok: false, error: { name: 'NotFoundError', message: `unknown call "${String(call).slice(0, 100)}"` } };
    try {
      checkInput(input);
      const parsed: unknown = parseWith(apiCalls[call].input, input);
      const method = api[call] as (input: unknown) => Promise<unknown>;
      const value = await method.call(api, parsed);
      return { ok: true, value };
    } catch (err) {
      return { ok: false, error: toWireError(err) };
    }
  };
}

/** A call by name from trusted main-side code, validated like a front door's; rejects with ApiError. */
export type Call = <K extends CallName>(name: K, input?: CallArg<K>) => Promise<CallOutput<K>>;

/** Calls into `api` (or the api `api()` returns, for a service still being assembled) through a dispatcher. */
export function createCaller(api: WorkbenchApi | (() => WorkbenchApi)): Call {
  let dispatch: Dispatch | undefined;
  return (async (name: CallName, input?: unknown) => {
    dispatch ??= createDispatcher(typeof api === 'function' ? api() : api);
    const result = await dispatch(name, input);
    if (!result.ok) throw new ApiError(result.error);
    return result.value;
  }) as Call;
}
