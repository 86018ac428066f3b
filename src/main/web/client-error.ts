// Requests Node's parser refuses before any handler sees them (a malformed Content-Length, headers too large) get
// the app's JSON error instead of Node's bare "400 Bad Request" with an empty body.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WireError } from '../../shared/api-wire';

interface ParseError extends Error {
  readonly code?: string;
}

/** The answer to a request the parser refused, by the llhttp / Node error code. */
export function clientErrorAnswer(err: ParseError): { status: number; error: WireError } {
  switch (err.code) {
    case 'HPE_INVALID_CONTENT_LENGTH':
      return { status: 400, error: { name: 'BadRequest', field: 'Content-Length', message: 'Content-Length: must be a number of bytes' } };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { status: 400, error: { name: 'BadRequest', field: 'Content-Length', message: 'Content-Length: given twice, or with Transfer-Encoding' } };
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, error: { name: 'HeadersTooLarge', message: 'the request headers are too large' } };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, error: { name: 'RequestTimeout', message: 'the request took too long to arrive' } };
    default:
      return { status: 400, error: { name: 'BadRequest', message: `malformed request: ${err.message.slice(0, 200)}` } };
  }
}

/** The server's 'clientError' listener: answers in JSON where the socket can still take an answer, then closes it. */
export function answerClientError(err: ParseError, socket: Duplex): void {
  // As Node's own handler: nothing more can be said on a reset socket, or after a response has begun on it.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, error } = clientErrorAnswer(err);
  const body = JSON.stringify(error);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
      body,
  );
}
