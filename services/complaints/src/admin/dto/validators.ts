// class-validator decorators for the policy rules a request can break on its own, so the global
// ValidationPipe reports them like any other bad field (400 VALIDATION_FAILED naming the field).
import { isCalendarDate, minuteOfDay } from '@cx/platform';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { EscalationStep } from '../../policy/policy.entity';
import { escalationChainProblems, overlappingRanges, TimeRange, WEEKDAYS } from '../../policy/policy.rules';

function rule(
  name: string,
  validate: (value: unknown, args: ValidationArguments) => boolean,
  message: (args: ValidationArguments) => string,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: { validate, defaultMessage: message },
    });
}

const isStep = (x: unknown): x is EscalationStep =>
  typeof x === 'object' &&
  x !== null &&
  Number.isInteger((x as EscalationStep).level) &&
  Number.isInteger((x as EscalationStep).afterMinutes);

const isRange = (x: unknown): x is TimeRange =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as TimeRange).from === 'string' &&
  typeof (x as TimeRange).to === 'string';

/** Not an object: the nested step checks would pass it ([] has no fields to check) and store a step that names nobody. */
const notAStep = (x: unknown): boolean => typeof x !== 'object' || x === null || Array.isArray(x);

function chainProblems(value: unknown): { what: string; problems: string[] } {
  if (!Array.isArray(value)) return { what: '', problems: [] }; // IsArray reports this
  const shapeless = value.flatMap((x, i) =>
    notAStep(x) ? [`step ${i} is not an object { level, to, afterMinutes }`] : [],
  );
  if (shapeless.length) return { what: 'must list escalation steps', problems: shapeless };
  // Malformed fields of a step are reported by its own checks.
  return { what: 'is out of order', problems: value.every(isStep) ? escalationChainProblems(value) : [] };
}

/** Steps that are objects; levels 1..n in order; afterMinutes never decreasing. */
export const IsEscalationChain = (options?: ValidationOptions) =>
  rule(
    'isEscalationChain',
    (value) => chainProblems(value).problems.length === 0,
    (args) => {
      const { what, problems } = chainProblems(args.value);
      return `$property ${what}: ${problems.join('; ')}`;
    },
    options,
  );

/** Not smaller than another numeric property of the same object (first response <= resolution). */
export const NotLessThan = (property: string, options?: ValidationOptions) =>
  rule(
    'notLessThan',
    (value, args) => {
      const other = (args.object as Record<string, unknown>)[property];
      return typeof value !== 'number' || typeof other !== 'number' || value >= other;
    },
    () => `$property must not be less than ${property}`,
    options,
  );

/** A real day written YYYY-MM-DD. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  rule(
    'isCalendarDate',
    (value) => typeof value === 'string' && isCalendarDate(value),
    () => '$property must be a real date written YYYY-MM-DD',
    options,
  );

/** An 'HH:MM' later than the `from` of the same range. */
export const IsLaterThanFrom = (options?: ValidationOptions) =>
  rule(
    'isLaterThanFrom',
    (value, args) => {
      const from = minuteOfDay(String((args.object as TimeRange).from));
      const to = typeof value === 'string' ? minuteOfDay(value) : null;
      return from === null || to === null || to > from;
    },
    () => '$property must be later than from (a range ends on the day it starts)',
    options,
  );

/** One day's ranges do not overlap. */
export const HasNoOverlaps = (options?: ValidationOptions) =>
  rule(
    'hasNoOverlaps',
    (value) => !Array.isArray(value) || !value.every(isRange) || overlappingRanges(value).length === 0,
    (args) =>
      `opening hours of weekday $property overlap: ${overlappingRanges(args.value as TimeRange[]).join('; ')}`,
    options,
  );

/** At least one opening range in the week: business-hours SLA clocks would otherwise never run. */
export const HasOpeningHours = (options?: ValidationOptions) =>
  rule(
    'hasOpeningHours',
    (value) => {
      if (typeof value !== 'object' || value === null) return true; // the type checks report this
      const days = value as Record<string, unknown>;
      return WEEKDAYS.some((d) => Array.isArray(days[d]) && days[d].length > 0);
    },
    () => '$property must open on at least one day: business-hours SLAs count only open time',
    options,
  );
