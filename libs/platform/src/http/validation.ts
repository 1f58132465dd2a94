import { passesWhitelisted } from '@cx/contracts';
import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { useContainer, type ValidatorOptions } from 'class-validator';
import { FieldError, RequestValidationError } from './errors';

/**
 * class-validator asks its container for a rule's constraint object on every check, and its default
 * container finds it by a linear search through every constraint class made so far (one per decorator
 * use: about 800 in a service): measurable on every request with a body. One object per class, found
 * in a Map, is what the default container answers, without the search.
 */
const constraintObjects = new Map<unknown, unknown>();
function installConstraintContainer(): void {
  useContainer({
    get<T>(cls: new () => T): T {
      let found = constraintObjects.get(cls) as T | undefined;
      if (found === undefined) constraintObjects.set(cls, (found = new cls()));
      return found;
    },
  });
}

/** class-validator's error tree as a flat list of dotted paths: `lines.0.sku`, `customer.email`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    if (messages.length > 0) out.push({ field, messages });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

const SHALLOW = Symbol('cx:shallow-validation');

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_TEXT = 'must not contain NUL characters or unpaired UTF-16 surrogates';

const isUnstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** Whether any string in the value is unstorable: no allocation, so a valid bulk body costs a scan. */
function hasUnstorable(value: unknown, depth: number): boolean {
  if (typeof value === 'string') return isUnstorable(value);
  // Deeper than any DTO goes: the DTO's own rules refuse the shape.
  if (depth > 8 || typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  if (Array.isArray(value)) return value.some((v) => hasUnstorable(v, depth + 1));
  for (const key in value)
    if (Object.hasOwn(value, key) && hasUnstorable((value as Record<string, unknown>)[key], depth + 1))
      return true;
  return false;
}

/**
 * The fields of a body, query or path whose strings Postgres cannot store as text (a NUL character)
 * or that are not well-formed Unicode (a lone surrogate, which the driver would send as U+FFFD): each
 * would otherwise reach the database and fail there as a 500 (ADR 33). Nested values are reported by
 * path; the paths are built only once a scan has found one (1,000 purchases: 0.5 ms, not 3.7).
 */
export function unstorableStrings(value: unknown, parent = '', depth = 0): FieldError[] {
  if (!hasUnstorable(value, depth)) return [];
  if (typeof value === 'string') {
    const field = parent || 'value';
    return [{ field, messages: [`${field} ${UNSTORABLE_TEXT}`] }];
  }
  const out: FieldError[] = [];
  for (const [key, v] of Object.entries(value as object)) {
    out.push(...unstorableStrings(v, parent ? `${parent}.${key}` : key, depth + 1));
    if (out.length >= 20) break;
  }
  return out;
}

/**
 * For a body class that carries a list its service validates item by item (a bulk request: each item
 * accepted or refused on its own): the global pipe checks the class's own properties (the list's
 * length, no unknown property) without copying and walking every value inside them first, which for
 * 1,000 purchases cost more than checking them. The class must have no nested rule and no `@Type`.
 */
export function ShallowValidation(): ClassDecorator {
  return (target) => Reflect.defineMetadata(SHALLOW, true, target);
}

/**
 * A body that is not a JSON object (a `text/plain` request, or a JSON string or array sent to an
 * endpoint that takes an object) would otherwise be reported as every required field missing.
 */
class CxValidationPipe extends ValidationPipe {
  /**
   * class-validator's rules of each class, for Nest's look for binary values in nested properties:
   * Nest keeps them for one body only and looks them up again for the next (a filter over every rule
   * of every class: 4 % of what the complaint intake allocated per request). The rules of a class are
   * registered by its decorators when it is loaded and this pipe's options never change, so the answer
   * for a class is the same for every body.
   */
  private readonly rulesByClass = new Map<unknown, unknown[]>();

  protected override findNestedBinaryValues(
    object: unknown,
    metadataCache: Map<unknown, unknown[]> = this.rulesByClass,
  ): ValidationError[] {
    return super.findNestedBinaryValues(object, metadataCache);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (
      metadata.type === 'body' &&
      this.toValidate(metadata) &&
      value !== undefined &&
      !isPlainObject(value)
    ) {
      throw RequestValidationError.field(
        'body',
        'body must be a JSON object sent with Content-Type: application/json',
      );
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const unstorable = unstorableStrings(value, metadata.data ?? '');
      if (unstorable.length > 0) throw new RequestValidationError(unstorable);
    }
    const metatype = metadata.metatype as (new () => object) | undefined;
    if (
      metadata.type === 'body' &&
      metatype &&
      isPlainObject(value) &&
      Reflect.getMetadata(SHALLOW, metatype) === true &&
      this.toValidate(metadata)
    ) {
      // What the base class does for such a class, without the deep copy: an instance with the body's
      // own keys (never __proto__ or constructor), validated with the same options.
      const entity = new metatype() as Record<string, unknown>;
      for (const [key, v] of Object.entries(value as Record<string, unknown>))
        if (key !== '__proto__' && key !== 'constructor') entity[key] = v;
      const errors = await this.validate(entity, this.validatorOptions);
      if (errors.length > 0) throw (await this.exceptionFactory(errors)) as Error;
      return entity;
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }

  /**
   * A valid body costs its rules only: the contracts' fast path (`passesWhitelisted`, ADR 7 and 28)
   * answers "no errors" without class-validator's per-call metadata lookups and error objects, a fifth
   * of what the complaint intake allocated per request. Anything it does not pass goes to
   * class-validator, which gives the verdict and the errors, so answers cannot change.
   */
  protected override validate(object: object, options?: ValidatorOptions) {
    if (options && fastPathApplies(options) && passesWhitelisted(object)) return [];
    return super.validate(object, options);
  }
}

/**
 * The options passesWhitelisted mirrors: those of createValidationPipe, whatever else is left at its
 * default. Nest's pipe sends `forbidUnknownValues: false`; passesWhitelisted is then only stricter (it
 * passes no object of a class without rules, which class-validator would then accept), so a `true`
 * still means no errors.
 */
function fastPathApplies(o: ValidatorOptions): boolean {
  return (
    o.whitelist === true &&
    o.forbidNonWhitelisted === true &&
    !o.groups &&
    !o.always &&
    !o.strictGroups &&
    !o.skipMissingProperties &&
    !o.skipUndefinedProperties &&
    !o.skipNullProperties &&
    !o.stopAtFirstError
  );
}

/**
 * The global pipe: strips nothing silently (unknown properties are errors), converts payloads into
 * DTO instances, and converts types only where a DTO says so (`@Type(() => Number)`) — implicit
 * conversion would turn `"abc"` into NaN and `"false"` into true without a word.
 */
export function createValidationPipe(): ValidationPipe {
  installConstraintContainer();
  return new CxValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) =>
      new RequestValidationError(flattenValidationErrors(errors)),
  });
}
