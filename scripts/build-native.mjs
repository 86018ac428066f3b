// Builds the optional native kernels (native/ → native/build/Release/nnw_kernels.node) with node-gyp, at
// install and by `npm run build:kernels-native`. Never downloads anything and never fails the install: when the
// addon cannot be built it says so in one line, and the engine uses the wasm kernels.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => console.log(`build:kernels-native: ${line}`);

/** Node's headers: npm's nodedir setting, else next to this Node (Debian: /usr/include/node). */
function nodeDir() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(path.dirname(process.execPath), '..')].filter(Boolean);
  return candidates.find((dir) => existsSync(path.join(dir, 'include', 'node', 'node_api.h')));
}

/** npm's own node-gyp (npm sets npm_config_node_gyp), else the one in node_modules. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  try {
    return createRequire(path.join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return undefined;
  }
}

const dir = nodeDir();
const gyp = nodeGyp();
if (!dir) {
  say("skipped: no Node headers here (set npm's nodedir, or install them): the wasm kernels will be used");
} else if (!gyp) {
  say('skipped: node-gyp not found: the wasm kernels will be used');
} else {
  const out = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${dir}`], { cwd: path.join(root, 'native'), encoding: 'utf8' });
  if (out.status === 0) say('built native/build/Release/nnw_kernels.node');
  else {
    const reason = `${out.stderr ?? ''}${out.stdout ?? ''}`.split('\n').find((l) => /error/i.test(l)) ?? `node-gyp exited with ${out.status}`;
    say(`not built (${reason.trim()}): the wasm kernels will be used`);
  }
}
