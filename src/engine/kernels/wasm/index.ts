// The WebAssembly SIMD kernels backend: what the rest of the program imports.
export { createKernelMemory, createWasmKernels, type WasmKernels, type WasmKernelsOptions } from './wasm-kernels';
export { compileKernelModule, instantiateKernels, type KernelExports } from './kernel-module';
export { webAssembly, type WasmMemory, type WasmModule } from './wasm-api';
