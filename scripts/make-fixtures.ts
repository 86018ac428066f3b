// Writes resources/fixtures/mnist-tiny/: the first 1000 train / 200 test MNIST examples as gzipped IDX files.
// Run: npx tsx scripts/make-fixtures.ts   (deterministic: rerunning gives the same bytes)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdxU8, parseIdx } from '../src/engine/data/idx';
import { IDX_BASE_NAMES, IDX_ROLES, type IdxRole } from '../src/engine/data/registry';
import { mnistDataDir } from '../src/main/datasets/locate';

const TRAIN = 1000;
const TEST = 200;
const OUT = path.join(__dirname, '..', 'resources', 'fixtures', 'mnist-tiny');

const keep: Record<IdxRole, number> = { trainImages: TRAIN, trainLabels: TRAIN, testImages: TEST, testLabels: TEST };

function main(): void {
  const src = mnistDataDir();
  mkdirSync(OUT, { recursive: true });
  let total = 0;
  for (const role of IDX_ROLES) {
    const name = IDX_BASE_NAMES[role];
    const idx = parseIdx(readFileSync(path.join(src, name)), name);
    const n = keep[role];
    const per = idx.dims.slice(1).reduce((a, d) => a * d, 1);
    const data = (idx.data as Uint8Array).subarray(0, n * per);
    // mtime 0 in the gzip header (Node's default) keeps the output byte-for-byte reproducible.
    const gz = gzipSync(encodeIdxU8([n, ...idx.dims.slice(1)], data), { level: 9 });
    writeFileSync(path.join(OUT, `${name}.gz`), gz);
    total += gz.length;
    console.log(`${name}.gz: ${[n, ...idx.dims.slice(1)].join('×')}, ${gz.length} bytes`);
  }
  console.log(`total ${total} bytes in ${OUT}`);
}

main();
