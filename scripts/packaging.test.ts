// The packaging config as electron-builder itself reads and validates it (its loader and JSON schema): the targets,
// the icon, the wasm kernels at <resources>/wasm, what leaves the asar, what ships, and the fuses.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
type Config = Awaited<ReturnType<typeof getConfig>>;
let config: Config;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
});

const targets = (platform: 'linux' | 'mac' | 'win') => {
  const target = config[platform]?.target;
  return (Array.isArray(target) ? target : [target]).map((t) => (typeof t === 'string' ? t : t?.target));
};

describe('electron-builder.yml', () => {
  it('passes electron-builder schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the app and builds AppImage + deb, dmg and an NSIS installer', () => {
    expect(config).toMatchObject({ appId: 'org.nnworkbench.app', productName: 'NN Workbench' });
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(targets('win')).toEqual(['nsis']);
    // deb refuses to build without a maintainer, and package.json names no author.
    expect(config.linux?.maintainer).toBe('NN Workbench authors');
  });

  it('keeps its build resources out of build/ (our wasm), with a 512×512 PNG icon there', () => {
    const resources = config.directories?.buildResources;
    expect(resources).toBe('resources/build');
    for (const platform of ['linux', 'mac', 'win'] as const) expect(config[platform]?.icon).toBe('icon.png');
    const png = readFileSync(path.join(ROOT, resources!, 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('packs every wasm kernel build at <resources>/wasm, and the native addon (when built) at <resources>/native, from where the builds put them', () => {
    expect(config.extraResources).toEqual([
      { from: 'build/wasm', to: 'wasm', filter: ['kernels-*.wasm'] },
      { from: 'native/build/Release', to: 'native', filter: ['nnw_kernels.node'] },
    ]);
    // Both variants, each with private memory (one thread) and shared memory (data-parallel threads).
    for (const file of ['kernels-simd.wasm', 'kernels-relaxed.wasm', 'kernels-simd-shared.wasm', 'kernels-relaxed-shared.wasm']) {
      expect(existsSync(path.join(ROOT, 'build', 'wasm', file))).toBe(true);
    }
  });

  it('ships the built app (its entry inside it) and no build leftovers, and unpacks the native modules alone', () => {
    expect(config.files).toEqual([
      {
        filter: [
          'out/**',
          '!node_modules/better-sqlite3/{deps,src}/**',
          '!node_modules/better-sqlite3/build/{deps,Release/obj}/**',
          '!node_modules/better-sqlite3/build/Release/test_extension.node',
        ],
      },
    ]);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
    expect(pkg.main).toBe('out/main/index.js');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(pkg.scripts.dist).toContain('scripts/dist.ts');
  });

  it('sets the fuses: no RunAsNode, no NODE_OPTIONS or --inspect, the app only from a checked asar, cookies encrypted', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
