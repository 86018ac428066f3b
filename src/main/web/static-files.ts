// Serves the built renderer: known MIME types, no way out of the folder (dot-dot, encoded slashes, symlinks).
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return Object.hasOwn(MIME, ext) ? MIME[ext]! : 'application/octet-stream';
}

export type StaticTarget = { readonly file: string; readonly size: number } | { readonly status: 400 | 404; readonly reason: string };

/**
 * The file a URL path names inside `root`, or why there is none. Paths without an extension that match no
 * file fall back to index.html, so the renderer's history-mode routes survive a reload.
 */
export async function resolveStatic(root: string, pathname: string): Promise<StaticTarget> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400, reason: 'malformed path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400, reason: 'malformed path' };
  const segments = decoded.split('/').filter(Boolean);
  // ".." and dotfiles are refused outright rather than normalised: no legitimate asset needs them.
  if (segments.some((s) => s.startsWith('.'))) return { status: 404, reason: 'not found' };
  const realRoot = await realpath(root);
  let file = path.join(realRoot, ...segments);
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info && !path.extname(decoded)) {
    file = path.join(realRoot, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return { status: 404, reason: 'not found' };
  // A symlink inside the folder may still point outside it.
  const real = await realpath(file);
  const rel = path.relative(realRoot, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { status: 404, reason: 'not found' };
  return { file: real, size: info.size };
}

/** Answers a GET or HEAD from `root`; `headers` are added to every answer (CSP and friends). */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string, headers: Record<string, string>): Promise<void> {
  const target = await resolveStatic(root, pathname);
  if ('status' in target) {
    res.writeHead(target.status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(target.reason);
    return;
  }
  const isHtml = target.file.endsWith('.html');
  res.writeHead(200, {
    ...headers,
    'Content-Type': mimeTypeOf(target.file),
    'Content-Length': String(target.size),
    // Vite fingerprints assets, but without ETags a revalidation costs a full download anyway; keep it simple.
    'Cache-Control': isHtml ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(target.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
