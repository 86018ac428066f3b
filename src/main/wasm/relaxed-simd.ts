// Whether this Node runs relaxed SIMD, switching V8's flag on at run time where Node 20 needs it.
import { setFlagsFromString } from 'node:v8';
import { webAssembly } from '../../engine/kernels/wasm';

const FLAG = '--experimental-wasm-relaxed-simd';

/**
 * Whether `relaxedModule` (bytes of kernels-relaxed.wasm) validates here. With `enableFlag` (default)
 * it first switches on V8's flag when the module does not validate without it.
 */
// NOTE: Node 20 (V8 11.3) has relaxed SIMD behind a flag that only gates decoding, so setting it before
// compiling is enough; Node ≥ 22 and Electron ≥ 31 have it on and never reach setFlagsFromString.
export function relaxedSimdAvailable(relaxedModule: Uint8Array, enableFlag = true): boolean {
  const wasm = webAssembly();
  if (wasm.validate(relaxedModule)) return true;
  if (!enableFlag) return false;
  setFlagsFromString(FLAG);
  return wasm.validate(relaxedModule);
}
