// ESLint rule: an import that crosses rooms against docs/ARCHITECTURE.md fails the lint (and so `npm test`).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { rooms, testPattern } from './rooms.mjs';

const root = path.resolve(import.meta.dirname, '..');
const builtins = new Set(builtinModules);

function roomOf(absFile) {
  const rel = path.relative(root, absFile).split(path.sep).join('/');
  let best = null;
  let bestLen = -1;
  for (const room of rooms) {
    for (const dir of room.dirs ?? [room.dir]) {
      if ((rel === dir || rel.startsWith(dir + '/')) && dir.length > bestLen) {
        best = room;
        bestLen = dir.length;
      }
    }
  }
  return best;
}

function isNodeBuiltin(spec) {
  return spec.startsWith('node:') || builtins.has(spec.split('/')[0]);
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Keep imports inside the room map of docs/ARCHITECTURE.md' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = roomOf(file);
    if (!from) return {};
    const isTest = testPattern.test(file.split(path.sep).join('/'));

    function check(node, spec, typeOnly) {
      if (typeof spec !== 'string') return;
      const report = (why) => context.report({ node, message: `${from.name} may not import '${spec}': ${why}` });
      if (spec.startsWith('.')) {
        const to = roomOf(path.resolve(path.dirname(file), spec));
        if (!to) return report('outside every room');
        if (from.mayImport.includes(to.name)) return;
        // Tests may build engine values (seeded data, fixtures) wherever they live.
        if (isTest && to.name === 'engine') return;
        if (typeOnly && from.typeOnly?.includes(to.name)) return;
        return report(from.typeOnly?.includes(to.name) ? `only \`import type\` from ${to.name}` : `${to.name} is another room`);
      }
      if (isNodeBuiltin(spec) && !from.node && !isTest) return report('Node built-ins are not available in this room');
      if (spec === 'electron' || spec.startsWith('electron/')) {
        if (!from.electron) return report('only src/main/electron and src/preload may import electron');
      }
    }

    return {
      ImportDeclaration: (n) =>
        check(n, n.source.value, n.importKind === 'type' || (n.specifiers.length > 0 && n.specifiers.every((s) => s.importKind === 'type'))),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, n.exportKind === 'type'),
      ExportAllDeclaration: (n) => check(n, n.source.value, n.exportKind === 'type'),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value, false),
      CallExpression: (n) => {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'Literal') {
          check(n, n.arguments[0].value, false);
        }
      },
    };
  },
};
