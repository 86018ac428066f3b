// The room map is enforced: lint snippets as if they lived in each room and check what is refused.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'workbench/room-boundaries').map((m) => m.message);
}

describe('room boundaries', () => {
  it('keeps the engine free of Node, Electron and the other rooms', async () => {
    expect(await problems('src/engine/x.ts', "import fs from 'node:fs';\nexport const a = fs;")).toEqual([
      "engine may not import 'node:fs': Node built-ins are not available in this room",
    ]);
    expect(await problems('src/engine/x.ts', "import { z } from '../shared/run-config';\nexport const a = z;")).toHaveLength(1);
    expect(await problems('src/engine/x.ts', "import { Rng } from './random';\nexport const a = Rng;")).toEqual([]);
  });

  it('lets engine tests read fixtures from disk', async () => {
    expect(await problems('src/engine/x.test.ts', "import fs from 'node:fs';\nexport const a = fs;")).toEqual([]);
  });

  it('allows only type imports from the engine outside the training rooms', async () => {
    expect(await problems('src/shared/x.ts', "import { Rng } from '../engine/random';\nexport const a = Rng;")).toHaveLength(1);
    expect(await problems('src/shared/x.ts', "import type { Rng } from '../engine/random';\nexport type A = Rng;")).toEqual([]);
    expect(await problems('src/main/cli/x.ts', "import { Rng } from '../../engine/random';\nexport const a = Rng;")).toHaveLength(1);
    expect(await problems('src/main/worker/x.ts', "import { Rng } from '../../engine/random';\nexport const a = Rng;")).toEqual([]);
  });

  it('confines electron to src/main/electron and the preload', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;";
    expect(await problems('src/main/cli/x.ts', code)).toHaveLength(1);
    expect(await problems('src/main/electron/x.ts', code)).toEqual([]);
    expect(await problems('src/renderer/src/x.ts', code)).toHaveLength(1);
  });

  it('holds in Vue components too', async () => {
    const sfc = (imports: string) => `<script setup lang="ts">\n${imports}\nvoid a;\n</script>\n<template><div /></template>\n`;
    expect(await problems('src/renderer/src/views/X.vue', sfc("import { openStore as a } from '../../../main/db';"))).toEqual([
      "renderer may not import '../../../main/db': main is another room",
    ]);
    expect(await problems('src/renderer/src/views/X.vue', sfc("import { Rng as a } from '../../../engine/random';"))).toHaveLength(1);
    expect(await problems('src/renderer/src/views/X.vue', sfc("import { REPRODUCTION_SCALES as a } from '../../../shared/api-reproduction-types';"))).toEqual(
      [],
    );
  });
});
