// Lists newest first by (created_at, id), paged by cursor (docs/api.md, Pagination): the order most
// lists use, defined once. The cursor holds the last row's position; the next page is what sorts
// strictly after it, so a row created meanwhile neither repeats nor shifts a page.
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** A position in such a list: the cursor's content. */
export type CreatedAtPosition = { createdAt: string; id: string };

/** Whether a decoded cursor holds such a position (decodeCursor's check). */
export const isCreatedAtPosition = (p: Record<string, unknown>): p is CreatedAtPosition =>
  typeof p.createdAt === 'string' && typeof p.id === 'string';

/** The position of a page's last row (toPage's positionOf). */
export const createdAtPositionOf = (last: { createdAt: Date; id: string }): CreatedAtPosition => ({
  createdAt: last.createdAt.toISOString(),
  id: last.id,
});

/**
 * Orders the query (its main alias's `created_at` and `id` columns) newest first, after `after` when
 * given, `limit` rows at most. Its parameters are `:createdAt` and `:id`.
 */
export function newestFirst<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  after: CreatedAtPosition | undefined,
  limit: number,
): SelectQueryBuilder<T> {
  const x = qb.alias;
  if (after)
    qb.andWhere(`(${x}.created_at, ${x}.id) < (:createdAt, :id)`, {
      createdAt: after.createdAt,
      id: after.id,
    });
  return qb.orderBy(`${x}.created_at`, 'DESC').addOrderBy(`${x}.id`, 'DESC').limit(limit);
}
