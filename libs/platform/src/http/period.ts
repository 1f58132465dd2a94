// The period an analytics-style query asks for: `from`/`to` as dates (local midnight in `timeZone`)
// or timestamps with an offset, checked by class-validator, then resolved to instants by each
// service's own defaults and longest period. Pure: the clock is passed in.
import { isTimestamp } from '@cx/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { buildMessage, IsOptional, IsString, ValidateBy } from 'class-validator';
import { isCalendarDate, startOfLocalDay } from '../time/zones';
import { RequestValidationError } from './errors';
import { IsIanaTimeZone } from './fields';

/** A date, or the contracts' timestamp (with its offset): a bare local time would be read in the server's zone. */
export const IsDateOrTimestamp = () =>
  ValidateBy({
    name: 'isDateOrTimestamp',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && (isCalendarDate(value) || isTimestamp(value)),
      defaultMessage: buildMessage(
        () =>
          '$property must be YYYY-MM-DD or a date-time with Z or an offset, e.g. 2026-03-01T09:30:00+08:00',
      ),
    },
  });

const BOUND_FORMAT = 'YYYY-MM-DD is local midnight in timeZone; a date-time needs Z or an offset.';

/**
 * `from`, `to` and `timeZone` of a query over a period. Extend it for the endpoint's filters; a
 * subclass that documents its own defaults redeclares the field with `@ApiPropertyOptional` only
 * (the validation is inherited, the documentation merged).
 */
export class PeriodQuery {
  @ApiPropertyOptional({ example: '2026-03-01', description: `Start, included. ${BOUND_FORMAT}` })
  @IsOptional()
  @IsDateOrTimestamp()
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-01', description: `End, excluded. ${BOUND_FORMAT}` })
  @IsOptional()
  @IsDateOrTimestamp()
  to?: string;

  @ApiPropertyOptional({
    example: 'Asia/Shanghai',
    default: 'UTC',
    description: 'Zone of date-only bounds and of period boundaries',
  })
  @IsOptional()
  @IsString()
  @IsIanaTimeZone()
  timeZone?: string;
}

/** What a service decides about its periods: the defaults and the longest it answers. */
export interface PeriodRules {
  /** `to` when the query names none. */
  defaultTo(now: Date, timeZone: string): Date;
  /** `from` when the query names none. */
  defaultFrom(to: Date, timeZone: string): Date;
  /** The latest `to` a period starting at `from` may have. */
  latestTo(from: Date, timeZone: string): Date;
  /** Why a longer period is refused, e.g. `the period must not be longer than 731 days`. */
  tooLong: string;
}

/** [from, to) in instants, and the zone its dates were read in. */
export interface ResolvedPeriod {
  from: Date;
  to: Date;
  timeZone: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date (local midnight in the zone) or a date-time with an offset (an instant). */
function instantOf(value: string, timeZone: string): Date {
  return DATE_ONLY.test(value) ? startOfLocalDay(value, timeZone) : new Date(value);
}

/** The query's period, refused (400 naming the field) when empty, backwards or longer than the rules allow. */
export function resolvePeriod(query: PeriodQuery, now: Date, rules: PeriodRules): ResolvedPeriod {
  const timeZone = query.timeZone ?? 'UTC';
  const to = query.to !== undefined ? instantOf(query.to, timeZone) : rules.defaultTo(now, timeZone);
  const from = query.from !== undefined ? instantOf(query.from, timeZone) : rules.defaultFrom(to, timeZone);
  if (to.getTime() <= from.getTime())
    throw RequestValidationError.field(
      'to',
      `to (${to.toISOString()}) must be later than from (${from.toISOString()})`,
    );
  if (to.getTime() > rules.latestTo(from, timeZone).getTime())
    throw RequestValidationError.field('from', rules.tooLong);
  return { from, to, timeZone };
}
