import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from '../database/unavailable';
import {
  DomainError,
  FieldError,
  RequestValidationError,
  RPC_ERROR_STATUS,
  RpcCode,
  RpcError,
} from './errors';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://cx-platform.dev/problems/';

/** RFC 9457 problem details, with our extension members (code, errors, details, correlationId). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path (no query string: it may carry values that do not belong in logs or caches). */
  instance: string;
  /** Stable machine-readable code, e.g. COMPLAINT_NOT_FOUND, VALIDATION_FAILED, TOKEN_EXPIRED. */
  code?: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
  /** Present on 5xx answers: quote it to find the logged error (it is the trace id when tracing is on). */
  correlationId?: string;
}

export interface ProblemLog {
  level: 'error' | 'warn';
  message: string;
  stack?: string;
}

export interface ProblemMapping {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** What the filter logs; absent for the ordinary 4xx answers. */
  log?: ProblemLog;
}

export interface ProblemContext {
  instance: string;
  correlationId: () => string;
}

/** `COMPLAINT_NOT_FOUND` -> `https://cx-platform.dev/problems/complaint-not-found`. */
export function problemType(code: string): string {
  return (
    PROBLEM_TYPE_BASE +
    code
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  );
}

/** 404 -> `NOT_FOUND`, 429 -> `TOO_MANY_REQUESTS`. */
export function statusCode(status: number): string {
  const text = STATUS_CODES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

/** `COMPLAINT_NOT_FOUND` -> `Complaint not found`. */
function humanize(code: string): string {
  const words = code.toLowerCase().replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const FASTIFY_BODY_ERRORS: Record<string, { code: string; status: number; errors: FieldError[] }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'MALFORMED_JSON',
    status: 400,
    errors: [{ field: 'body', messages: ['body is not valid JSON'] }],
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'MALFORMED_JSON',
    status: 400,
    errors: [{ field: 'body', messages: ['body must not be empty when Content-Type is application/json'] }],
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    errors: [{ field: 'Content-Type', messages: ['unsupported media type: send application/json'] }],
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'MALFORMED_BODY',
    status: 400,
    errors: [{ field: 'body', messages: ['body length does not match Content-Length'] }],
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    status: 413,
    errors: [{ field: 'body', messages: ['body is too large'] }],
  },
};

const INTERNAL_DETAIL = 'An unexpected error occurred. Quote the correlationId when reporting it.';

const RPC_DETAIL: Record<RpcCode, string> = {
  TIMEOUT: 'A service this request depends on did not answer in time. Try again later.',
  UNAVAILABLE: 'A service this request depends on is unavailable. Try again later.',
  INVALID_REPLY: 'A service this request depends on gave an invalid answer.',
  REMOTE: 'A service this request depends on failed to process it.',
  INVALID_REQUEST: 'The request could not be passed on to a service it depends on: it is invalid.',
};

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isFieldErrors(x: unknown): x is FieldError[] {
  return (
    Array.isArray(x) &&
    x.every(
      (e) =>
        isRecord(e) &&
        typeof e.field === 'string' &&
        Array.isArray(e.messages) &&
        e.messages.every((m) => typeof m === 'string'),
    )
  );
}

function isDomainError(x: unknown): x is DomainError {
  return x instanceof DomainError;
}

function fastifyCode(exception: HttpException): string | undefined {
  const cause: unknown = exception.cause;
  return isRecord(cause) && typeof cause.code === 'string' ? cause.code : undefined;
}

function fromHttpException(exception: HttpException, ctx: ProblemContext): ProblemMapping {
  const status = exception.getStatus();
  const body = FASTIFY_BODY_ERRORS[fastifyCode(exception) ?? ''];
  if (body) {
    return base(
      body.status,
      body.code,
      statusTitle(body.status),
      'The request body could not be read.',
      ctx,
      {
        errors: body.errors,
      },
    );
  }

  const response = exception.getResponse();
  let detail = exception.message;
  let code = statusCode(status);
  const extra: Partial<ProblemDetails> = {};
  const headers: Record<string, string> = {};
  if (typeof response === 'string') {
    detail = response;
  } else if (isRecord(response)) {
    const message = response.message;
    if (typeof message === 'string') detail = message;
    else if (Array.isArray(message)) detail = message.map(String).join('; ');
    if (typeof response.code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(response.code)) code = response.code;
    if (isFieldErrors(response.errors)) extra.errors = response.errors;
    if (isRecord(response.details)) extra.details = response.details;
    if (typeof response.wwwAuthenticate === 'string') headers['WWW-Authenticate'] = response.wwwAuthenticate;
  }
  if (status === 401 && !headers['WWW-Authenticate']) headers['WWW-Authenticate'] = 'Bearer';
  // A 500 is a bug whatever was thrown: its message stays in the log.
  if (status === 500) detail = INTERNAL_DETAIL;

  const mapping = base(status, code, statusTitle(status), detail, ctx, extra);
  mapping.headers = { ...mapping.headers, ...headers };
  if (status >= 500) {
    mapping.log = {
      level: 'error',
      message: `${exception.name}: ${exception.message}`,
      stack: exception.stack,
    };
  }
  return mapping;
}

const DATABASE_DETAIL =
  'The service cannot reach its database right now; retry later. A create retried with the same Idempotency-Key returns what the first attempt stored, if it did.';

function base(
  status: number,
  code: string,
  title: string,
  detail: string,
  ctx: ProblemContext,
  extra: Partial<ProblemDetails> = {},
): ProblemMapping {
  const problem: ProblemDetails = {
    type: problemType(code),
    title,
    status,
    detail,
    instance: ctx.instance,
    code,
    ...extra,
  };
  if (status >= 500) problem.correlationId = ctx.correlationId();
  return { problem, headers: {} };
}

/**
 * Maps anything thrown while handling an HTTP request to a problem document. Pure: the filter
 * does the replying and logging. Unknown errors give a 500 that says nothing about them.
 */
export function toProblem(exception: unknown, ctx: ProblemContext): ProblemMapping {
  if (exception instanceof RequestValidationError) {
    return base(400, 'VALIDATION_FAILED', 'Bad Request', exception.message, ctx, {
      errors: exception.errors,
    });
  }
  if (isDomainError(exception)) {
    const domain = exception;
    const status =
      Number.isInteger(domain.status) && domain.status >= 400 && domain.status <= 599 ? domain.status : 500;
    const mapping = base(
      status,
      domain.code,
      humanize(domain.code),
      domain.message,
      ctx,
      domain.details ? { details: domain.details } : {},
    );
    if (status >= 500) {
      mapping.log = {
        level: 'error',
        message: `${domain.name} ${domain.code}: ${domain.message}`,
        stack: domain.stack,
      };
    }
    return mapping;
  }
  const rpc = exception instanceof RpcError ? exception : undefined;
  if (rpc) {
    const status = RPC_ERROR_STATUS[rpc.code];
    const mapping = base(status, `RPC_${rpc.code}`, statusTitle(status), RPC_DETAIL[rpc.code], ctx);
    const where = rpc.subject ? ` (${rpc.subject})` : '';
    const remote = rpc.remoteCode ? ` [remote ${rpc.remoteCode}]` : '';
    mapping.log = { level: 'warn', message: `${rpc.name} ${rpc.code}${where}${remote}: ${rpc.message}` };
    return mapping;
  }
  if (exception instanceof HttpException) return fromHttpException(exception, ctx);
  if (isDatabaseUnavailable(exception)) {
    // The database is away or refusing work: not the caller's fault and not a bug; a retry will do.
    const mapping = base(503, 'DATABASE_UNAVAILABLE', 'Service Unavailable', DATABASE_DETAIL, ctx);
    mapping.log = {
      level: 'warn',
      message: `database unavailable: ${String((exception as { message?: unknown }).message)}`,
    };
    return mapping;
  }

  // Duck-typed: errors from another realm (vm, worker) are not `instanceof Error`.
  const error: { name?: unknown; message: unknown; stack?: unknown } =
    isRecord(exception) && typeof exception.message === 'string'
      ? (exception as { message: string })
      : new Error(String(exception));
  const mapping = base(500, 'INTERNAL_ERROR', 'Internal Server Error', INTERNAL_DETAIL, ctx);
  mapping.log = {
    level: 'error',
    message: `${typeof error.name === 'string' ? error.name : 'Error'}: ${String(error.message)}`,
    stack: typeof error.stack === 'string' ? error.stack : undefined,
  };
  return mapping;
}
