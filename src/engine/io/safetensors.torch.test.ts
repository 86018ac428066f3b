// Cross-check with PyTorch: a Python reader written from the format description loads our file into torch.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { encodeSafetensors } from './safetensors';

/** The first python3 that can import torch (Debian's python3-torch lives under /usr/bin), or null. */
function findTorchPython(): string | null {
  for (const exe of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(exe, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    if (r.status === 0) return exe;
  }
  return null;
}

// Strict reader: checks what our writer promises (8-byte aligned header of spaces-padded JSON, no
// duplicate keys, offsets tiling the data in name order), then runs the tensors through torch.nn.Linear.
const READER = String.raw`
import json, struct, sys, torch
raw = open(sys.argv[1], 'rb').read()
(n,) = struct.unpack('<Q', raw[:8])
assert n % 8 == 0, 'header not padded to 8 bytes'
text = raw[8:8 + n].decode('utf-8')
assert text.startswith('{') and text.rstrip(' ').endswith('}'), 'header framing'
def no_dupes(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), 'duplicate keys'
    return dict(pairs)
header = json.loads(text, object_pairs_hook=no_dupes)
meta = header.pop('__metadata__', {})
data = raw[8 + n:]
names = list(header.keys())
assert names == sorted(names), 'tensors not in name order'
pos, tensors = 0, {}
for name in names:
    info = header[name]
    assert info['dtype'] == 'F32'
    b, e = info['data_offsets']
    assert b == pos and e - b == 4 * (torch.Size(info['shape']).numel()), name
    pos = e
    chunk = bytearray(data[b:e])
    t = torch.frombuffer(chunk, dtype=torch.float32) if chunk else torch.empty(0)
    tensors[name] = t.reshape(info['shape'])
assert pos == len(data), 'data section not fully covered'
lin = torch.nn.Linear(4, 3)
lin.load_state_dict({'weight': tensors['fc.weight'], 'bias': tensors['fc.bias']})
y = lin(tensors['x'])
print(json.dumps({'metadata': meta, 'shapes': {k: list(v.shape) for k, v in tensors.items()}, 'y': y.tolist()}))
`;

const python = findTorchPython();
const dir = mkdtempSync(join(tmpdir(), 'nnwb-safetensors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('safetensors with PyTorch', () => {
  // Skipped only where no python3 can import torch (e.g. a machine without Debian's python3-torch).
  it.skipIf(python === null)('torch loads our file and nn.Linear computes what we compute', () => {
    const rng = new Rng(3);
    const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
    const w = rand(12); // [out 3, in 4]
    const b = rand(3);
    const x = rand(8); // [2, 4]
    const bytes = encodeSafetensors(
      [
        { name: 'fc.weight', shape: [3, 4], data: w },
        { name: 'fc.bias', shape: [3], data: b },
        { name: 'x', shape: [2, 4], data: x },
        { name: 'empty', shape: [0, 4], data: new Float32Array(0) },
      ],
      { format: 'pt', note: 'µ ✓' },
    );
    const path = join(dir, 'model.safetensors');
    writeFileSync(path, bytes);
    const r = spawnSync(python!, ['-c', READER, path], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { metadata: Record<string, string>; shapes: Record<string, number[]>; y: number[][] };
    expect(out.metadata).toEqual({ format: 'pt', note: 'µ ✓' });
    expect(out.shapes).toEqual({ empty: [0, 4], 'fc.bias': [3], 'fc.weight': [3, 4], x: [2, 4] });
    for (let i = 0; i < 2; i++) {
      for (let o = 0; o < 3; o++) {
        let y = b[o]!;
        for (let k = 0; k < 4; k++) y += w[o * 4 + k]! * x[i * 4 + k]!;
        expect(out.y[i]![o]).toBeCloseTo(y, 5);
      }
    }
  });
});
