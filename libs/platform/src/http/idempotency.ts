import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { RequestValidationError } from './errors';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,200}$/;

/** The header's value, checked: undefined when absent, a 400 problem (field `Idempotency-Key`) when malformed. */
export function readIdempotencyKey(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const value = headers[IDEMPOTENCY_HEADER.toLowerCase()];
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    throw RequestValidationError.field(IDEMPOTENCY_HEADER, `${IDEMPOTENCY_HEADER} must be sent once`);
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw RequestValidationError.field(
      IDEMPOTENCY_HEADER,
      `${IDEMPOTENCY_HEADER} must be 1 to 200 characters of letters, digits and _ . : -`,
    );
  }
  return value;
}

/**
 * `@IdempotencyKey() key: string | undefined` on a POST that creates something; pass it to
 * `IdempotencyKeys.run` with the caller and body: a repeat with the same key and body gets the first
 * answer again, the same key with another body is a 422 IDEMPOTENCY_KEY_REUSED (docs/api.md).
 */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string | undefined =>
    readIdempotencyKey(
      ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers,
    ),
  [
    // Documents the header on the operation the parameter belongs to.
    (target: object, propertyKey: string | symbol | undefined) => {
      if (propertyKey === undefined) return;
      const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey);
      if (!descriptor) return;
      ApiHeader({
        name: IDEMPOTENCY_HEADER,
        required: false,
        description: 'Makes a retried create safe: the same key and body give the first answer again.',
        schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, maxLength: 200 },
      })(target, propertyKey, descriptor);
    },
  ],
);
