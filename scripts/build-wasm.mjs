// Compiles the AssemblyScript kernels into build/wasm/: kernels-simd.wasm (plain SIMD) and kernels-relaxed.wasm
// (relaxed-SIMD FMA) over a private memory, and kernels-{simd,relaxed}-shared.wasm over a shared one (threads).
// Skips the work when a stamp of the sources, this script and the compiler version still matches; `--force` rebuilds.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.join(root, 'src/engine/kernels/wasm/assembly');
const outDir = path.join(root, 'build/wasm');

// Imported memory: the JS side owns allocation. The shared builds let worker threads run the same module
// over the same memory (which grows keeping old views valid); the private builds run one thread faster,
// since TypedArray set/fill on shared memory are slower. The declared maximum (65536 pages = 4 GiB) only
// bounds what the loader may pass in; the loader picks the real limit.
const common = [
  path.join(sourceDir, 'index.ts'),
  '-O3',
  '--noAssert',
  '--runtime',
  'stub',
  '--use',
  'abort=',
  '--importMemory',
  '--noExportMemory',
  '--initialMemory',
  '1',
  '--maximumMemory',
  '65536',
];

const targets = [
  { file: 'kernels-simd.wasm', features: 'simd', shared: false },
  { file: 'kernels-relaxed.wasm', features: 'simd,relaxed-simd', shared: false },
  { file: 'kernels-simd-shared.wasm', features: 'simd,threads', shared: true },
  { file: 'kernels-relaxed-shared.wasm', features: 'simd,threads,relaxed-simd', shared: true },
];

async function sourceStamp() {
  const hash = createHash('sha256').update(asc.version);
  const names = (await readdir(sourceDir)).filter((n) => n.endsWith('.ts')).sort();
  for (const file of [...names.map((n) => path.join(sourceDir, n)), fileURLToPath(import.meta.url)]) {
    hash.update(path.relative(root, file)).update(await readFile(file));
  }
  return hash.digest('hex');
}

async function readOr(file, fallback) {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return fallback;
  }
}

await mkdir(outDir, { recursive: true });
const stampFile = path.join(outDir, 'kernels.stamp');
const stamp = await sourceStamp();
const outputs = targets.map((t) => path.join(outDir, t.file));
const present = (await Promise.all(outputs.map((f) => readOr(f, null)))).every((x) => x !== null);
if (!process.argv.includes('--force') && present && (await readOr(stampFile, '')) === stamp) {
  console.log('build:wasm: build/wasm is up to date');
  process.exit(0);
}
for (const { file, features, shared } of targets) {
  const outFile = path.join(outDir, file);
  const { error, stderr } = await asc.main([...common, ...(shared ? ['--sharedMemory'] : []), '--enable', features, '--outFile', outFile]);
  if (error) {
    console.error(stderr.toString());
    console.error(`build:wasm: compiling ${file} failed: ${error.message}`);
    process.exit(1);
  }
  console.log(`build:wasm: wrote ${path.relative(root, outFile)}`);
}
await writeFile(stampFile, stamp);
