// Tests for where the data folder is: flag, environment variable, and each platform's default.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, dataDirFromArgv, defaultDataDir, resolveDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('prefers $NNWB_DATA_DIR on every platform', () => {
    expect(defaultDataDir({ NNWB_DATA_DIR: '/srv/nnwb' }, 'linux', '/home/ada')).toBe(path.resolve('/srv/nnwb'));
    expect(defaultDataDir({ NNWB_DATA_DIR: '/srv/nnwb', APPDATA: 'C:\\x' }, 'win32', 'C:\\Users\\ada')).toBe(path.resolve('/srv/nnwb'));
  });

  it('follows XDG on Linux, ignoring a relative $XDG_DATA_HOME', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.local/share/nn-workbench');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/xdg' }, 'linux', '/home/ada')).toBe('/data/xdg/nn-workbench');
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel/xdg' }, 'linux', '/home/ada')).toBe('/home/ada/.local/share/nn-workbench');
  });

  it('uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/nn-workbench');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\nn-workbench');
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\nn-workbench');
  });
});

describe('resolveDataDir', () => {
  it('resolves a --data-dir flag against the working folder, over the environment', () => {
    expect(resolveDataDir('runs', { NNWB_DATA_DIR: '/srv/nnwb' }, '/work')).toBe(path.resolve('/work/runs'));
    expect(resolveDataDir('/abs/dir', {}, '/work')).toBe(path.resolve('/abs/dir'));
  });

  it('falls back to the default without a flag', () => {
    expect(resolveDataDir(undefined, { NNWB_DATA_DIR: '/srv/nnwb' })).toBe(path.resolve('/srv/nnwb'));
    expect(resolveDataDir('', { NNWB_DATA_DIR: '/srv/nnwb' })).toBe(path.resolve('/srv/nnwb'));
  });

  it('puts the database file in the data folder', () => {
    expect(databaseFile('/srv/nnwb')).toBe(path.join('/srv/nnwb', 'workbench.sqlite'));
  });
});

describe('dataDirFromArgv (the desktop app)', () => {
  const electron = ['/opt/nn-workbench/nn-workbench', '/opt/app/out/main/index.js'];

  it('takes --data-dir in either form, after the arguments Electron adds, resolved against the working folder', () => {
    expect(dataDirFromArgv([...electron, '--data-dir=runs'], {}, '/work')).toBe(path.resolve('/work/runs'));
    expect(dataDirFromArgv([...electron, '--no-sandbox', '--data-dir', '/srv/x'], { NNWB_DATA_DIR: '/srv/env' }, '/work')).toBe(path.resolve('/srv/x'));
  });

  it('without the flag, opens the folder the CLI and web mode open: $NNWB_DATA_DIR, else the default', () => {
    expect(dataDirFromArgv(electron, { NNWB_DATA_DIR: '/srv/env' }, '/work')).toBe(path.resolve('/srv/env'));
    expect(dataDirFromArgv(electron, process.env, '/work')).toBe(resolveDataDir(undefined));
    expect(dataDirFromArgv([...electron, '--data-dir'], process.env, '/work')).toBe(defaultDataDir());
  });
});
