import { applyDecorators, Type as ClassType } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { RequestValidationError } from './errors';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/**
 * Query parameters of every list endpoint. Extend it for filters:
 * `class ListComplaintsQuery extends CursorPageQuery { @IsOptional() @IsIn(STATUSES) status?: ... }`.
 */
export class CursorPageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT, type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = DEFAULT_PAGE_LIMIT;

  @ApiPropertyOptional({ description: 'Opaque: the nextCursor of the previous page.', type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not a valid cursor' })
  cursor?: string;
}

/** One page of a list. `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Base64url JSON: opaque to clients, readable by us. Keep what goes in small (sort key + id). */
export function encodeCursor(position: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by encodeCursor. Absent gives undefined; anything unreadable, or failing the
 * optional shape check, is the client's mistake: a 400 problem naming the field `cursor`.
 */
export function decodeCursor<T extends Record<string, unknown> = Record<string, unknown>>(
  cursor: string | undefined,
  isValid?: (position: Record<string, unknown>) => position is T,
): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = () =>
    RequestValidationError.field('cursor', 'cursor is not a valid cursor: start again without one');
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof position !== 'object' || position === null || Array.isArray(position)) throw invalid();
  const record = position as Record<string, unknown>;
  if (isValid && !isValid(record)) throw invalid();
  return record as T;
}

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only says there is a next page,
 * whose cursor is the position of the last row returned.
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  positionOf: (last: T) => Record<string, unknown>,
): Page<T> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(positionOf(items[items.length - 1])) };
}

/** OpenAPI for an endpoint answering `Page<model>`. */
export function ApiPageResponse(model: ClassType<unknown>, description = 'One page of results') {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'Pass as `cursor` to get the next page; null on the last page.',
          },
        },
      },
    }),
  );
}
