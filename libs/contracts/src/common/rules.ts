import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsObject,
  IsISO4217CurrencyCode,
  IsString,
  IsUUID,
  isISO8601,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  buildMessage,
} from 'class-validator';

/**
 * Building blocks every payload class is written with, so that one kind of field is checked one way
 * everywhere. Each returns a single PropertyDecorator composed from class-validator rules.
 */

/** Longest external reference (order number, SKU, store code, employee number, serial number). */
export const REF_MAX = 64;
/** Longest short human text (product name, reason). */
export const SHORT_TEXT_MAX = 200;
/** Longest free text (customer message, comment, resolution summary). */
export const LONG_TEXT_MAX = 2000;
/** Largest array a payload carries (order lines, audit items): a bound keeps a bad producer from flooding consumers. */
export const LIST_MAX = 500;
/** Largest amount in minor units: 2^53 - 1 is the JSON-safe integer bound. */
export const MINOR_MAX = Number.MAX_SAFE_INTEGER;

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

// Date-time with an explicit zone (Z or +hh:mm); a bare date or a local time is ambiguous across stores.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

const daysIn = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;

/**
 * DATE_TIME with a real calendar day, hours to 23, minutes and seconds to 59, an offset to 23:59, and
 * a time Date.parse reads: what DATE_TIME and validator's `isISO8601(strict, strictSeparator)` accepted
 * together, without its general ISO-8601 expression and the Date it builds per value (2 % of crm's bulk
 * ingest CPU: every timestamp of every item and event). rules.spec.ts compares both.
 */
export function isTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  // Years before 1000 are left to validator, whose check of the day reads them its own way.
  if (year < 1000)
    return isISO8601(value, { strict: true, strictSeparator: true }) && !Number.isNaN(Date.parse(value));
  const month = Number(m[2]);
  const day = Number(m[3]);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    Number(m[4]) <= 23 &&
    Number(m[5]) <= 59 &&
    Number(m[6]) <= 59 &&
    (m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/** An ISO-8601 date-time with zone, e.g. `2026-03-01T09:30:00Z` or `2026-03-01T17:30:00.123+08:00`. */
export function IsTimestamp(): PropertyDecorator {
  return ValidateBy({
    name: 'isTimestamp',
    validator: {
      validate: (value: unknown) => isTimestamp(value),
      defaultMessage: buildMessage(
        (each) => `${each}$property must be an ISO-8601 date-time with a zone, e.g. 2026-03-01T09:30:00Z`,
      ),
    },
  });
}

/** The id of one of our own aggregates (customer, complaint, repair, ...): a UUID of any version. */
export function IsId(): PropertyDecorator {
  return IsUUID('all');
}

/** A reference into an enterprise system (order number, SKU, store code, employee number): free text, bounded. */
export function IsRef(max = REF_MAX): PropertyDecorator {
  return compose(IsString(), Length(1, max));
}

/** Human text, bounded, with something in it: only spaces is no text (a resolution summary of "  "). */
export function IsText(max = SHORT_TEXT_MAX): PropertyDecorator {
  return compose(IsString(), Length(1, max), Matches(/\S/, { message: '$property must not be blank' }));
}

const CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * A code from an open, configurable list (complaint category, touchpoint, metric, change): lower-case
 * kebab. Open lists are not `@IsIn` enums so that they can grow without a new major version.
 */
export function IsCode(max = REF_MAX): PropertyDecorator {
  return compose(
    IsString(),
    MaxLength(max),
    Matches(CODE, { message: '$property must be a lower-case kebab code' }),
  );
}

/** A list of codes (e.g. departments), possibly empty. */
export function IsCodeList(max = LIST_MAX): PropertyDecorator {
  return compose(
    IsArray(),
    ArrayMaxSize(max),
    IsString({ each: true }),
    MaxLength(REF_MAX, { each: true }),
    Matches(CODE, { each: true, message: 'each value in $property must be a lower-case kebab code' }),
  );
}

/** Money in integer minor units (cents, fen): never a float. */
export function IsMinorAmount(): PropertyDecorator {
  return compose(IsInt(), Min(0), Max(MINOR_MAX));
}

/** An ISO-4217 currency code, upper case: `CNY`, `EUR`. */
export function IsCurrency(): PropertyDecorator {
  return compose(IsISO4217CurrencyCode(), Matches(/^[A-Z]{3}$/, { message: '$property must be upper case' }));
}

/** An integer in a closed range. */
export function IsIntIn(min: number, max: number): PropertyDecorator {
  return compose(IsInt(), Min(min), Max(max));
}

/** A nested object of class `cls`, validated with its own rules (errors reported as `field.child`). */
export function IsNested(cls: () => new () => object): PropertyDecorator {
  // IsObject: ValidateNested alone lets undefined through and would take an array for a single object.
  return compose(IsObject(), ValidateNested(), Type(cls));
}

/** An array of nested objects of class `cls` (errors reported as `field.0.child`). */
export function IsNestedList(cls: () => new () => object, max = LIST_MAX): PropertyDecorator {
  return compose(IsArray(), ArrayMaxSize(max), ValidateNested({ each: true }), Type(cls));
}

/**
 * The field may be absent. Unlike class-validator's IsOptional it does NOT accept null: an optional
 * field is left out of the JSON, so a null is a producer bug that the contract reports.
 */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** The field must be present; null is a value of its own (e.g. `fromTier` of a first tier assignment). */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== null);
}

/** A finite number in a closed range (scores, percentages, metric values). */
export function IsNumberIn(min: number, max: number): PropertyDecorator {
  return compose(IsNumber({ allowNaN: false, allowInfinity: false }), Min(min), Max(max));
}

/** A finite number. */
export function IsFiniteNumber(): PropertyDecorator {
  return IsNumber({ allowNaN: false, allowInfinity: false });
}

/** A list of external references (e.g. employee numbers), possibly empty. */
export function IsRefList(max = LIST_MAX): PropertyDecorator {
  return compose(IsArray(), ArrayMaxSize(max), IsString({ each: true }), Length(1, REF_MAX, { each: true }));
}

// Year, month, day, quarter, half or ISO week: 2026, 2026-03, 2026-03-01, 2026-Q1, 2026-H1, 2026-W09.
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-Q[1-4]|-H[12]|-W(0[1-9]|[1-4]\d|5[0-3]))?$/;

/** A reporting period: `2026`, `2026-03`, `2026-03-01`, `2026-Q1`, `2026-H1` or `2026-W09`. */
export function IsPeriod(): PropertyDecorator {
  return compose(
    IsString(),
    Matches(PERIOD, {
      message: '$property must be a period like 2026, 2026-03, 2026-Q1, 2026-H1 or 2026-W09',
    }),
  );
}
