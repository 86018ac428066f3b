// Reads a JSON request body with a size limit, refusing early on a declared Content-Length that is too big.
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

/** The parsed body, or undefined for an empty one. @throws BodyError (413 too big, 415 not JSON, 400 bad JSON). */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  // Requiring JSON also shuts out HTML forms, which cannot send it without a CORS preflight.
  if (type !== 'application/json') throw new BodyError(415, 'UnsupportedMediaType', 'send the body as Content-Type: application/json');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw tooBig(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooBig(maxBytes);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new BodyError(400, 'ValidationError', `body: not valid JSON (${(err as Error).message})`);
  }
}

function tooBig(maxBytes: number): BodyError {
  return new BodyError(413, 'PayloadTooLarge', `body: larger than ${maxBytes} bytes`);
}
