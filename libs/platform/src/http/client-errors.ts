import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemType, statusCode } from './problem';

/** What Node's HTTP parser reports about a request it could not read (http.Server 'clientError'). */
export interface ClientError extends Error {
  code?: string;
}

const KNOWN: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    detail: 'The URL and headers are longer than this server accepts: send long values in the body.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'The request was not received in time.' },
};
const UNREADABLE = { status: 400, detail: 'The request could not be read as HTTP.' };

/**
 * The raw HTTP answer to a request the parser gave up on, as a problem document like every other error
 * (docs/api.md, "Errors"). There is no `instance`: the request line was not read (or is the problem).
 */
export function clientErrorResponse(err: ClientError): string {
  const { status, detail } = KNOWN[err.code ?? ''] ?? UNREADABLE;
  const code = statusCode(status);
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({ type: problemType(code), title, status, detail, code });
  return (
    `HTTP/1.1 ${status} ${title}\r\n` +
    `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/**
 * Fastify's `clientErrorHandler`: without it a URL longer than the header limit (or a malformed request)
 * gets Fastify's own `application/json` body. Like Node's default, nothing is written once an answer has
 * started on the connection, and the socket is closed.
 */
export function problemClientErrorHandler(err: ClientError, socket: Socket): void {
  // A reset connection has nobody to answer (Node's docs on 'clientError').
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable && socket.bytesWritten === 0) socket.write(clientErrorResponse(err));
  socket.destroy(err);
}

/** The routing errors Fastify answers itself, before any handler or Nest filter runs. */
const ROUTING: Record<string, { status: number; detail: string }> = {
  FST_ERR_BAD_URL: { status: 400, detail: 'A path parameter is not a valid URL component.' },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    detail: 'A path parameter is longer than this server accepts (100 characters).',
  },
};

/**
 * The problem for Fastify's `frameworkErrors`: a path parameter that is too long or not valid
 * percent-encoding is refused by the router, which without it answers with Fastify's own
 * `application/json` body.
 */
export function frameworkErrorProblem(
  err: Error & { code?: string; statusCode?: number },
  url: string | undefined,
): { status: number; contentType: string; body: string } {
  const known = ROUTING[err.code ?? ''];
  const status = known?.status ?? (err.statusCode && err.statusCode < 500 ? err.statusCode : 400);
  const code = statusCode(status);
  const body = JSON.stringify({
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Bad Request',
    status,
    detail: known?.detail ?? 'The request could not be routed.',
    instance: (url ?? '/').split('?')[0],
    code,
  });
  return { status, contentType: `${PROBLEM_CONTENT_TYPE}; charset=utf-8`, body };
}
