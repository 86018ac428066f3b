// The entry points' decisions: can Electron open a window here, and which folder web mode serves.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { electronUnavailable } from './electron-check';
import { rendererDir } from './renderer-dir';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nnwb-app-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A project folder with a fake node_modules/electron; returns a URL to resolve from inside it. */
function project(files: Record<string, string>): string {
  const root = temp();
  const pkg = path.join(root, 'node_modules', 'electron');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","version":"45.5.0"}');
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(pkg, name), text);
  return pathToFileURL(path.join(root, 'entry.js')).href;
}

describe('electronUnavailable', () => {
  const display = { DISPLAY: ':0' };

  it('says the binary is not downloaded when path.txt is missing', () => {
    expect(electronUnavailable(display, 'linux', project({}))).toMatch(/binary is not downloaded/);
  });

  it('says the binary is missing when path.txt names no file', () => {
    expect(electronUnavailable(display, 'linux', project({ 'path.txt': 'electron' }))).toMatch(/is missing/);
  });

  it('needs a display on Linux only', () => {
    const from = project({ 'path.txt': 'electron', 'dist/electron': '' });
    const sandboxOk = () => null;
    expect(electronUnavailable(display, 'linux', from, sandboxOk)).toBeNull();
    expect(electronUnavailable({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', from, sandboxOk)).toBeNull();
    expect(electronUnavailable({}, 'linux', from, sandboxOk)).toMatch(/no display/);
    expect(electronUnavailable({}, 'darwin', from, sandboxOk)).toBeNull();
  });

  it('asks about the sandbox last, for the binary it found', () => {
    const from = project({ 'path.txt': 'electron', 'dist/electron': '' });
    const asked: string[] = [];
    const why = electronUnavailable(display, 'linux', from, (binary) => (asked.push(binary), 'the sandbox says no'));
    expect(why).toBe('the sandbox says no');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/node_modules[/\\]electron[/\\]dist[/\\]electron$/);
    expect(electronUnavailable({}, 'linux', from, () => 'the sandbox says no')).toMatch(/no display/);
  });

  it('answers in one line for this machine', () => {
    const why = electronUnavailable();
    if (why !== null) expect(why).not.toContain('\n');
  });
});

describe('rendererDir', () => {
  it('serves a built renderer as it is', () => {
    const dir = temp();
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    expect(rendererDir(dir)).toMatchObject({ dir, built: true });
  });

  it('serves a page saying how to build the UI when there is none, and removes it after', () => {
    const ui = rendererDir(path.join(temp(), 'missing'));
    expect(ui.built).toBe(false);
    expect(readFileSync(path.join(ui.dir, 'index.html'), 'utf8')).toContain('npm run build');
    ui.dispose();
    expect(existsSync(ui.dir)).toBe(false);
  });
});
