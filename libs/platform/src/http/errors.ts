import { BadRequestException } from '@nestjs/common';

/**
 * Base of every module's exception. A module declares its codes as a string union and maps each
 * to an HTTP status in a `Record<Code, number>`, so adding a code without a status fails to compile:
 *
 * ```ts
 * export type ComplaintErrorCode = 'COMPLAINT_NOT_FOUND' | 'COMPLAINT_ALREADY_CLOSED';
 * const STATUS: Record<ComplaintErrorCode, number> = { COMPLAINT_NOT_FOUND: 404, COMPLAINT_ALREADY_CLOSED: 409 };
 * export class ComplaintError extends DomainError<ComplaintErrorCode> {
 *   constructor(code: ComplaintErrorCode, message: string, details?: Record<string, unknown>) {
 *     super(code, STATUS[code], message, details);
 *   }
 * }
 * ```
 *
 * The message and details are shown to API clients (they are the `detail` and `details` of the
 * problem response): write them for the caller, and keep internals out of them.
 */
export abstract class DomainError<C extends string = string> extends Error {
  protected constructor(
    readonly code: C,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const RPC_ERROR_CODES = [
  'TIMEOUT',
  'UNAVAILABLE',
  'INVALID_REQUEST',
  'INVALID_REPLY',
  'REMOTE',
] as const;
export type RpcCode = (typeof RPC_ERROR_CODES)[number];

/** How a failed call to another service surfaces to an HTTP caller of this one. */
export const RPC_ERROR_STATUS: Record<RpcCode, number> = {
  TIMEOUT: 503,
  UNAVAILABLE: 503,
  INVALID_REPLY: 502,
  REMOTE: 502,
  INVALID_REQUEST: 400,
};

export interface RpcErrorOptions {
  /** The error code the other service answered with (when code is 'REMOTE'). */
  remoteCode?: string;
  /** The subject that was called, for logs only. */
  subject?: string;
  cause?: unknown;
}

/**
 * A request/reply call to another service failed. Thrown by the messaging client; the HTTP
 * filter answers 503 (TIMEOUT, UNAVAILABLE), 502 (INVALID_REPLY, REMOTE) or 400 (INVALID_REQUEST)
 * without passing the message on: it may name subjects and internals of the other side.
 */
export class RpcError extends Error {
  readonly remoteCode?: string;
  readonly subject?: string;

  constructor(
    readonly code: RpcCode,
    message: string,
    remoteCodeOrOptions?: string | RpcErrorOptions,
  ) {
    const options: RpcErrorOptions =
      typeof remoteCodeOrOptions === 'string'
        ? { remoteCode: remoteCodeOrOptions }
        : (remoteCodeOrOptions ?? {});
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RpcError';
    this.remoteCode = options.remoteCode;
    this.subject = options.subject;
  }

  get status(): number {
    return RPC_ERROR_STATUS[this.code];
  }
}

/** One invalid input: a dotted path (`lines.0.sku`, `cursor`, `Idempotency-Key`, `body`) and what is wrong. */
export interface FieldError {
  field: string;
  messages: string[];
}

export const VALIDATION_FAILED = 'VALIDATION_FAILED';

/**
 * The request did not pass validation. Thrown by the global ValidationPipe and by the helpers that
 * check headers and cursors; the filter answers 400 with every field listed.
 */
export class RequestValidationError extends BadRequestException {
  constructor(
    readonly errors: FieldError[],
    message = 'The request is invalid: see errors for each field.',
  ) {
    super({ message, code: VALIDATION_FAILED, errors });
    this.name = 'RequestValidationError';
  }

  static field(field: string, ...messages: string[]): RequestValidationError {
    return new RequestValidationError([{ field, messages }]);
  }
}
