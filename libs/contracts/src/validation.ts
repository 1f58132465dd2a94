import { plainToInstance, type TypeMetadata } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import {
  getMetadataStorage,
  validateSync,
  type ValidationArguments,
  ValidationError,
  ValidationTypes,
} from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

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

const VALIDATOR_OPTIONS = {
  whitelist: false,
  forbidNonWhitelisted: false,
  forbidUnknownValues: true,
  skipMissingProperties: false,
  validationError: { target: false, value: false },
} as const;

/**
 * Turns untrusted JSON into an instance of `cls` and validates it. Unknown properties are kept and
 * accepted (an additive change keeps the major, so old consumers must accept new optional fields);
 * non-objects, missing required fields and wrong types are rejected. `prefix` is put before every
 * field path (e.g. 'data' when the object is an envelope's data).
 *
 * The rules are the class-validator decorators of `cls`, checked first by `passes` (the same
 * constraints, without class-validator's per-call metadata lookups and error objects); only a value
 * that does not pass there goes through class-validator's validateSync, which gives the verdict and
 * the field errors (ADR 0007).
 */
export function validateAs<T extends object>(cls: new () => T, raw: unknown, prefix = ''): Validation<T> {
  if (!isPlainObject(raw)) return invalid(prefix, `${prefix || 'value'} must be an object`);
  return verdict(toInstance(cls, raw), prefix);
}

/** The rules of an instance: our fast path, and class-validator for the verdict and field errors of the rest. */
function verdict<T extends object>(value: T, prefix: string): Validation<T> {
  if (passes(value)) return { ok: true, value };
  const errors = validateSync(value, VALIDATOR_OPTIONS);
  if (errors.length > 0) return { ok: false, errors: flattenErrors(errors, prefix) };
  return { ok: true, value };
}

/**
 * validateAs for a class whose rules look at its properties' values but never inside them (no nested
 * rule, no `@Type`), such as the envelope, whose `data` the payload's own class validates afterwards:
 * the values go into the instance as they are, instead of being copied deep (the whole payload, for
 * nothing). Same verdict and field errors as validateAs; any other class goes through validateAs.
 */
export function validateShallow<T extends object>(
  cls: new () => T,
  raw: unknown,
  prefix = '',
): Validation<T> {
  const rules = rulesOf(cls, undefined);
  const plan = planOf(cls);
  const flat = rules && plan && plan.size === 0 && rules.every((r) => r.nested.length === 0);
  if (!flat || !isPlainObject(raw) || Object.getPrototypeOf(raw) !== Object.prototype)
    return validateAs(cls, raw, prefix);
  const value = new cls();
  const target = value as Record<string, unknown>;
  for (const key of Object.keys(raw))
    if (writable(target, cls.prototype as object, key)) target[key] = raw[key];
  return verdict(value, prefix);
}

/**
 * Whether plainToInstance sets `key` on `target`: never `__proto__` or `constructor`, nor a key that is an
 * accessor without setter or a method of the class (or of Object, for a plain object).
 */
function writable(target: Record<string, unknown>, proto: object | undefined, key: string): boolean {
  if (key === '__proto__' || key === 'constructor') return false;
  if (!proto) return true;
  const descriptor = Object.getOwnPropertyDescriptor(proto, key);
  return !((descriptor && !descriptor.set) || target[key] instanceof Function);
}

/** A rule with its constraint objects, looked up once (see `rulesOf`). */
interface Check {
  m: ValidationMetadata;
  constraints: {
    async: boolean;
    instance: { validate(value: unknown, args: ValidationArguments): unknown };
  }[];
}

/** One property's rules, as class-validator's executor groups them. */
interface PropertyRules {
  property: string;
  conditions: ValidationMetadata[];
  checks: Check[];
  nested: ValidationMetadata[];
}

/** The rules of one class (undefined: none, which forbidUnknownValues rejects), per (class, schema). */
/** null: a class with a promise rule, left to class-validator. */
type Target = abstract new (...args: never[]) => unknown;
const compiled = new Map<Target, Map<string | undefined, PropertyRules[] | undefined | null>>();
let compiledFor = -1;

function rulesOf(target: Target, schema: string | undefined): PropertyRules[] | undefined | null {
  const storage = getMetadataStorage();
  // A class decorated after the first validation (classes are decorated once, when defined): start again.
  const size = (storage as unknown as { validationMetadatas: Map<unknown, unknown> }).validationMetadatas
    .size;
  if (size !== compiledFor) {
    compiled.clear();
    compiledFor = size;
  }
  let bySchema = compiled.get(target);
  if (!bySchema)
    compiled.set(target, (bySchema = new Map<string | undefined, PropertyRules[] | undefined | null>()));
  if (bySchema.has(schema)) return bySchema.get(schema);
  // The same query, with the same options, as validateSync(value, VALIDATOR_OPTIONS) makes on every call.
  const metadatas = storage.getTargetValidationMetadatas(target, schema as string, false, false, undefined);
  let rules: PropertyRules[] | undefined | null;
  if (metadatas.length === 0) rules = undefined;
  else {
    const grouped = storage.groupByPropertyName(metadatas);
    rules = Object.keys(grouped).map((property) => {
      const all = grouped[property];
      return {
        property,
        conditions: all.filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION),
        // IS_DEFINED rules run like the custom ones (before the skip options, none of which is set).
        // Their constraint objects resolved now: class-validator's `instance` getter asks its container
        // on every call, and the default container finds a class by a linear search through every
        // constraint class defined (one per decorator use: thousands), which was the largest single
        // cost of validating a message. The default container keeps one instance per class, so
        // holding it here changes nothing.
        checks: all
          .filter(
            (m) => m.type === ValidationTypes.CUSTOM_VALIDATION || m.type === ValidationTypes.IS_DEFINED,
          )
          .map((m) => ({
            m,
            constraints: storage
              .getTargetValidatorConstraints(m.constraintCls)
              .map((c) => ({ async: c.async, instance: c.instance })),
          })),
        nested: all.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION),
      };
    });
    // A promise rule: let class-validator handle the class.
    if (metadatas.some((m) => m.type === ValidationTypes.PROMISE_VALIDATION)) rules = null;
  }
  bySchema.set(schema, rules);
  return rules;
}

const isThenable = (v: unknown): boolean => typeof (v as { then?: unknown }).then === 'function';

const isCollection = (v: unknown): v is unknown[] | Set<unknown> | Map<unknown, unknown> =>
  Array.isArray(v) || v instanceof Set || v instanceof Map;

/**
 * True only when class-validator's validateSync(object, VALIDATOR_OPTIONS) would report no error:
 * the same metadata, evaluated the way its ValidationExecutor does (conditions, then every constraint
 * of every rule, `each` over arrays, sets and maps, nested objects by their own class). Anything it is
 * not sure about (an async constraint, a promise rule) is false, and the caller asks class-validator.
 */
function passes(object: object, schema?: string, whitelisted = false, as?: Target): boolean {
  const cls = as ?? (object.constructor as Target);
  const rules = rulesOf(cls, schema);
  if (!rules) return false; // no rules (forbidUnknownValues) or not handled here
  // JSON as the instance toInstance would make of it: only for classes whose instance holds what the
  // JSON holds (see `asJson`), nested values by the class their `@Type` names.
  const plan = as ? asJson(as) : undefined;
  if (plan === null) return false;
  // whitelist + forbidNonWhitelisted: a property without any rule is an error (ValidationExecutor.whitelist).
  if (whitelisted)
    for (const key of Object.keys(object)) if (!rules.some((r) => r.property === key)) return false;
  const storage = getMetadataStorage();
  const o = object as Record<string, unknown>;
  // One arguments object for every constraint of this object, updated before each call (this runs for
  // every message a service receives: no allocation per constraint). The constraints are synchronous and
  // only read it during the call; on any failure the caller asks class-validator, which builds its own.
  const args: ValidationArguments = {
    targetName: cls?.name,
    property: '',
    object,
    value: undefined,
    constraints: [],
  };
  for (const rule of rules) {
    const value = o[rule.property];
    if (!conditionsHold(rule.conditions, object, value)) continue;
    for (const { m, constraints } of rule.checks) {
      if (m.validateIf && !m.validateIf(object, value)) continue;
      for (const constraint of constraints) {
        if (constraint.async) return false;
        args.property = m.propertyName;
        args.value = value;
        args.constraints = m.constraints;
        if (!m.each || !isCollection(value)) {
          if (!holds(constraint.instance.validate(value, args))) return false;
        } else {
          for (const item of value instanceof Map ? value.values() : value) {
            if (!holds(constraint.instance.validate(item, args))) return false;
          }
        }
      }
    }
    if (rule.nested.length > 0 && value !== undefined) {
      if (plan) {
        if (!nestedJsonPasses(value, rule, plan, object)) return false;
      } else
        for (const m of rule.nested) {
          if (!nestedPasses(value, m, storage, whitelisted)) return false;
        }
    } else if (
      plan &&
      value !== null &&
      typeof value === 'object' &&
      (!isJsonContainer(value) || plan.has(rule.property))
    )
      return false; // toInstance would make something else of it than the JSON: validate the instance
  }
  return true;
}

/** A constraint's answer: true only for a synchronous truthy one (a promise means: ask class-validator). */
const holds = (ok: unknown): boolean => !!ok && !isThenable(ok);

function conditionsHold(conditions: ValidationMetadata[], object: object, value: unknown): boolean {
  for (const m of conditions)
    if (!(m.constraints[0] as (obj: object, v: unknown) => boolean)(object, value)) return false;
  return true;
}

/** ValidationExecutor.nestedValidations for one rule: collections element by element, objects by their class. */
function nestedPasses(
  value: unknown,
  m: ValidationMetadata,
  storage: ReturnType<typeof getMetadataStorage>,
  whitelisted: boolean,
): boolean {
  if (isCollection(value)) {
    const items = value instanceof Set ? [...value] : value instanceof Map ? [...value.values()] : value;
    // Each element goes through performValidations with the nested rules only: undefined passes.
    return items.every((item) => item === undefined || nestedPasses(item, m, storage, whitelisted));
  }
  if (value instanceof Object)
    return passes(value, typeof m.target === 'string' ? m.target : m.target.name, whitelisted);
  return false;
}

/**
 * True only when `validateAs(cls, raw)` is ok, found without making the instance: `raw`, a JSON value
 * (JSON.parse's output, or an object of strings, numbers, booleans, nulls, plain objects and arrays), is
 * checked by `cls`'s rules as the instance toInstance would copy from it, nested objects by the class
 * their `@Type` names. For a caller that needs the verdict and not the instance (an event's payload
 * checked before it is written, a bulk request's items): no copy of every object of the value. Anything
 * else (a Date, a class whose instance starts with values of its own or has accessors) is false, and
 * the caller asks validateAs. validation.spec.ts compares it with class-validator on every contract.
 */
export function conformsTo(cls: new () => object, raw: unknown): boolean {
  return (
    isPlainObject(raw) &&
    Object.getPrototypeOf(raw) === Object.prototype &&
    passes(raw, undefined, false, cls)
  );
}

const isJsonContainer = (v: object): boolean =>
  Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype;

/**
 * The `@Type` plan of `cls` when its instance from toInstance holds exactly the JSON's values: a new
 * instance has no property with a value (no initialiser) and the class no accessor or method named like
 * one of its rules' properties (toInstance would not copy those). null: validate instances instead.
 */
function asJson(cls: Target): Plan {
  let plan = jsonPlans.get(cls);
  if (plan !== undefined) return plan;
  plan = planOf(cls);
  const fresh = new (cls as unknown as new () => Record<string, unknown>)();
  const rules = rulesOf(cls, undefined);
  if (
    Object.values(fresh).some((v) => v !== undefined) ||
    rules?.some((r) => Object.getOwnPropertyDescriptor(cls.prototype as object, r.property) !== undefined)
  )
    plan = null;
  jsonPlans.set(cls, plan);
  return plan;
}
const jsonPlans = new Map<Target, Plan>();

/** nestedPasses for JSON: each element (arrays) or the object by the class the property's `@Type` names. */
function nestedJsonPasses(
  value: unknown,
  rule: PropertyRules,
  plan: Map<string, TypeMetadata>,
  parent: object,
): boolean {
  const meta = plan.get(rule.property);
  const type = (
    meta?.typeFunction
      ? meta.typeFunction({
          newObject: parent,
          object: parent as Record<string, unknown>,
          property: rule.property,
        })
      : meta?.reflectedType
  ) as Target | undefined;
  // Without a class toInstance copies a plain object, which no rule covers; converted types are left to it.
  if (type === undefined || CONVERTED_TYPES.includes(type)) return false;
  const one = (item: unknown) =>
    item !== null &&
    typeof item === 'object' &&
    Object.getPrototypeOf(item) === Object.prototype &&
    rule.nested.every((m) =>
      passes(item, typeof m.target === 'string' ? m.target : m.target.name, false, type),
    );
  if (Array.isArray(value)) {
    if (meta?.reflectedType !== undefined && meta.reflectedType !== Array) return false;
    // Each element by the nested rules; undefined passes (ValidationExecutor), holes would be dropped by the copy.
    for (let i = 0; i < value.length; i++)
      if (!(i in value) || (value[i] !== undefined && !one(value[i]))) return false;
    return true;
  }
  return one(value);
}

/**
 * True only when class-validator's validateSync(object) with `whitelist` and `forbidNonWhitelisted`
 * (and otherwise the options of VALIDATOR_OPTIONS) would report no error: `passes`, and no property
 * without a rule at any depth class-validator checks. The HTTP pipe, which refuses unknown properties,
 * asks this first and class-validator only for what does not pass (ADR 0028); as with validateAs, only
 * `true` is trusted, and validation.spec.ts compares both on every contract.
 */
export function passesWhitelisted(object: object): boolean {
  return passes(object, undefined, true);
}

// ---------------------------------------------------------------------------------------------------
// plainToInstance without class-transformer's per-call metadata lookups (ADR 0007).

const TRANSFORM_OPTIONS = { enableImplicitConversion: false, exposeDefaultValues: false } as const;

/**
 * class-transformer's metadata storage: the singleton its decorators write to (the CommonJS build,
 * which `import 'class-transformer'` loads too). Not exported by its index, hence the subpath.
 */
type TransformerStorageModule = { defaultMetadataStorage: MetadataStorage };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformerModule = require('class-transformer/cjs/storage') as TransformerStorageModule;
const transformerStorage = transformerModule.defaultMetadataStorage;
interface StorageInternals {
  _typeMetadatas: Map<Target, Map<string, TypeMetadata>>;
  _transformMetadatas: Map<Target, unknown>;
  _exposeMetadatas: Map<Target, unknown>;
  _excludeMetadatas: Map<Target, unknown>;
}
const internals = transformerStorage as unknown as StorageInternals;

/** What plainToInstance needs to know of a class: its @Type properties (own or inherited). null: not handled here. */
type Plan = Map<string, TypeMetadata> | null;
const plans = new Map<Target, Plan>();
let plansFor = -1;

/** Thrown inside `copy` when the value or the class needs something only class-transformer does (made once: no stack per throw). */
const GIVE_UP = new Error('left to plainToInstance');

/**
 * plainToInstance(cls, raw, { enableImplicitConversion: false, exposeDefaultValues: false }), for the
 * values and classes of the contracts: JSON values (plain objects, arrays, primitives) and classes whose
 * only class-transformer decorator is a plain `@Type` (no `@Expose`, `@Exclude`, `@Transform`,
 * discriminators, Map or primitive target types). It does what class-transformer's
 * TransformOperationExecutor does for those (a new instance of the class, every own enumerable key
 * copied except `__proto__`, `constructor` and the class's accessors and methods, arrays element by
 * element, nested values by their `@Type` class, plain objects copied as plain objects), with the
 * class's `@Type` metadata looked up once. Anything else goes to plainToInstance itself.
 * `validation.spec.ts` compares both on every contract.
 */
export function toInstance<T extends object>(cls: new () => T, raw: object): T {
  try {
    return copy(raw, cls, undefined) as T;
  } catch (e) {
    if (e !== GIVE_UP) throw e;
    return plainToInstance(cls, raw, TRANSFORM_OPTIONS);
  }
}

function planOf(target: Target): Plan {
  const size =
    internals._typeMetadatas.size +
    internals._transformMetadatas.size +
    internals._exposeMetadatas.size +
    internals._excludeMetadatas.size;
  // A class decorated after the first transformation: start again (as for the validation rules).
  if (size !== plansFor) {
    plans.clear();
    plansFor = size;
  }
  let plan = plans.get(target);
  if (plan !== undefined) return plan;
  plan = new Map<string, TypeMetadata>();
  // The class first, then its ancestors nearest first: the first @Type found for a property wins (findTypeMetadata).
  const chain: Target[] = [target];
  for (
    let base = Object.getPrototypeOf(target) as Target;
    typeof base?.prototype !== 'undefined';
    base = Object.getPrototypeOf(base) as Target
  )
    chain.push(base);
  for (const cls of chain) {
    if (
      internals._transformMetadatas.has(cls) ||
      internals._exposeMetadatas.has(cls) ||
      internals._excludeMetadatas.has(cls)
    ) {
      plan = null;
      break;
    }
    for (const [property, meta] of internals._typeMetadatas.get(cls) ?? []) {
      if (meta.options?.discriminator || meta.reflectedType === Map) {
        plan = null;
        break;
      }
      if (!plan.has(property)) plan.set(property, meta);
    }
    if (plan === null) break;
  }
  plans.set(target, plan);
  return plan;
}

const CONVERTED_TYPES: unknown[] = [
  String,
  Number,
  Boolean,
  Date,
  typeof Buffer === 'undefined' ? Date : Buffer,
];

/** TransformOperationExecutor.transform (plain to class) for JSON values; GIVE_UP for anything else. */
function copy(value: unknown, type: Target | undefined, arrayType: unknown): unknown {
  if (Array.isArray(value)) {
    if (arrayType !== undefined && arrayType !== Array) throw GIVE_UP;
    const out: unknown[] = [];
    // forEach, like class-transformer: holes are dropped.
    value.forEach((item) => out.push(copy(item, type, undefined)));
    return out;
  }
  if (type !== undefined && CONVERTED_TYPES.includes(type)) throw GIVE_UP;
  if (value === null || typeof value !== 'object') return value;
  // Only plain objects: Date, Buffer, Map, Set, promises, class instances and null-prototype objects are left to class-transformer.
  if (
    Object.getPrototypeOf(value) !== Object.prototype ||
    typeof (value as { then?: unknown }).then === 'function'
  )
    throw GIVE_UP;
  const plan = type === undefined ? undefined : planOf(type);
  if (plan === null) throw GIVE_UP;
  const source = value as Record<string, unknown>;
  const target = (type === undefined ? {} : new (type as unknown as new () => object)()) as Record<
    string,
    unknown
  >;
  const proto = (target.constructor as { prototype?: object } | undefined)?.prototype;
  for (const key of Object.keys(source)) {
    if (!writable(target, proto, key)) continue;
    const sub = source[key];
    const meta = plan?.get(key);
    let subType: Target | undefined;
    if (meta)
      subType = (
        meta.typeFunction
          ? meta.typeFunction({ newObject: target, object: source, property: key })
          : meta.reflectedType
      ) as Target | undefined;
    target[key] = copy(sub, subType, Array.isArray(sub) ? meta?.reflectedType : undefined);
  }
  return target;
}
