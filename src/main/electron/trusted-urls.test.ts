// The app-URL rules the Electron window, IPC and session rely on.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isAppUrl, type RendererLocation } from './trusted-urls';

const built: RendererLocation = { kind: 'file', indexFile: '/opt/app/out/renderer/index.html' };
const dev: RendererLocation = { kind: 'dev', url: 'http://localhost:5173/' };
const index = pathToFileURL('/opt/app/out/renderer/index.html').href;

describe('isAppUrl', () => {
  it('accepts the built index.html with any hash or query, and the dev server origin', () => {
    expect(isAppUrl(index, built)).toBe(true);
    expect(isAppUrl(`${index}#/runs/3`, built)).toBe(true);
    expect(isAppUrl('http://localhost:5173/runs/3', dev)).toBe(true);
  });

  it('refuses other files, other origins and junk', () => {
    expect(isAppUrl(pathToFileURL('/etc/passwd').href, built)).toBe(false);
    expect(isAppUrl(pathToFileURL('/opt/app/out/renderer/other.html').href, built)).toBe(false);
    expect(isAppUrl('https://evil.example/', built)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
    expect(isAppUrl('not a url', dev)).toBe(false);
  });
});

describe('isAllowedRequest', () => {
  it('allows the renderer folder, data/blob URLs and the dev server with its HMR socket', () => {
    expect(isAllowedRequest(pathToFileURL('/opt/app/out/renderer/assets/app.js').href, built)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', built)).toBe(true);
    expect(isAllowedRequest('blob:file:///1234', built)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
  });

  it('refuses remote content and files outside the renderer folder', () => {
    expect(isAllowedRequest('https://cdn.example/lib.js', built)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/app.js', built)).toBe(false);
    expect(isAllowedRequest(pathToFileURL('/opt/app/out/main/index.js').href, built)).toBe(false);
    expect(isAllowedRequest('file:///opt/app/out/renderer/../main/index.js', built)).toBe(false);
    expect(isAllowedRequest('https://localhost:5173/', dev)).toBe(false);
    expect(isAllowedRequest('ftp://x/', dev)).toBe(false);
  });
});
