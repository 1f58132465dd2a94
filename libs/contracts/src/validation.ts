import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** One invalid field. `field` is a dotted path from the validated root (`lines.0.sku`); '' is the root itself. */
export interface FieldError {
  field: string;
  messages: string[];
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function invalid<T>(field: string, message: string): Validation<T> {
  return { ok: false, errors: [{ field, messages: [message] }] };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** Flattens class-validator's error tree into dotted paths: `lines` > `0` > `sku` becomes `lines.0.sku`. */
export function flattenErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = join(prefix, error.property);
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) out.push({ field, messages });
    out.push(...flattenErrors(error.children ?? [], field));
  }
  return out;
}

/**
 * Turns untrusted JSON into an instance of `cls` and validates it. Unknown properties are kept and
 * accepted (an additive change keeps the major, so old consumers must accept new optional fields);
 * non-objects, missing required fields and wrong types are rejected. `prefix` is put before every
 * field path (e.g. 'data' when the object is an envelope's data).
 */
export function validateAs<T extends object>(cls: new () => T, raw: unknown, prefix = ''): Validation<T> {
  if (!isPlainObject(raw)) return invalid(prefix, `${prefix || 'value'} must be an object`);
  const value = plainToInstance(cls, raw, { enableImplicitConversion: false, exposeDefaultValues: false });
  const errors = validateSync(value, {
    whitelist: false,
    forbidNonWhitelisted: false,
    forbidUnknownValues: true,
    skipMissingProperties: false,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) return { ok: false, errors: flattenErrors(errors, prefix) };
  return { ok: true, value };
}
