// The e2e browser lookup: its order, a wrong CHROMIUM_PATH refused, and the sandbox flag only as root.
import { describe, expect, it } from 'vitest';
import { chromiumArgs, findBrowser } from '../e2e/support/browser';

const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);
const PW = '/home/u/.cache/ms-playwright/chromium-1/chrome';

describe('findBrowser', () => {
  it('takes CHROMIUM_PATH first, then Playwright’s own Chromium, then a system one', () => {
    const env = { CHROMIUM_PATH: '/opt/chrome' };
    const all = only('/opt/chrome', PW, '/usr/bin/chromium');
    expect(findBrowser({ env, platform: 'linux', playwrightPath: () => PW, exists: all })).toEqual({ path: '/opt/chrome', source: 'CHROMIUM_PATH' });
    expect(findBrowser({ env: {}, platform: 'linux', playwrightPath: () => PW, exists: all })).toEqual({ path: PW, source: 'playwright' });
    expect(findBrowser({ env: {}, platform: 'linux', playwrightPath: () => PW, exists: only('/usr/bin/google-chrome') })).toEqual({
      path: '/usr/bin/google-chrome',
      source: 'system',
    });
  });

  it('finds nothing where nothing is, even when Playwright cannot name a build for this platform', () => {
    const throws = () => {
      throw new Error('unsupported platform');
    };
    expect(findBrowser({ env: {}, platform: 'linux', playwrightPath: throws, exists: () => false })).toBeNull();
  });

  it('refuses a CHROMIUM_PATH that does not exist instead of quietly using another browser', () => {
    expect(() => findBrowser({ env: { CHROMIUM_PATH: '/nope' }, exists: only('/usr/bin/chromium') })).toThrow('CHROMIUM_PATH=/nope does not exist');
  });

  it('knows Chrome’s places on macOS and Windows', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser({ env: {}, platform: 'darwin', exists: only(mac) })?.path).toBe(mac);
    const win = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser({ env: { PROGRAMFILES: 'C:\\Program Files' }, platform: 'win32', exists: only(win) })?.path).toBe(win);
  });
});

describe('chromiumArgs', () => {
  it('drops the sandbox only as root', () => {
    expect(chromiumArgs(true)).toContain('--no-sandbox');
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
  });
});
