import { EntityManager } from 'typeorm';
import { renumberParameters } from './inline-sql';
import { preparedQuery } from './prepared-query';

/** Postgres takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 65_000;

interface Held {
  sql: string;
  params: unknown[];
  /** For a joined statement: the held statements it is made of. */
  parts?: Held[];
}

export interface WriteTogetherOptions {
  /**
   * Send the joined statement as a named prepared statement (preparedQuery): for a path whose rows,
   * and so the statement's text, are the same every time (one answer and its one event), never for
   * batches of varying size.
   */
  prepared?: boolean;
}

/**
 * Runs `work` with an EntityManager whose statements are held back and then sent as ONE statement,
 * each INSERT a data-modifying `WITH` part of it: one round trip instead of one per table, for a write
 * path that inserts into several tables at once (a complaint, its history and its outbox events). On
 * a busy machine every round trip is a chance to wait for a core, so the count shows in the latency
 * tail, not only in throughput (docs/benchmarks.md, Complaints intake).
 *
 * What `work` may do through the manager it is given: plain INSERTs whose answer it does not read
 * (insertRows, EventPublisher.publishAll, a repository's multi-row insert), and UPDATEs of rows that
 * were there before (an audit marked completed beside its actions and event); anything else throws,
 * since it would run out of order. The parts run as one statement on one snapshot: an UPDATE does not
 * see rows another part inserts, and two parts must not change the same row. Foreign keys between them
 * are checked at its end (a history row may refer to the complaint inserted beside it), and a failure
 * in any part fails them all, inside the caller's transaction `em`. Parameters beyond what one
 * statement takes are sent as separate statements, in order.
 */
export async function writeTogether<R>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<R>,
  options: WriteTogetherOptions = {},
): Promise<R> {
  const { result, held } = await hold(em, work);
  for (const statement of joined(held))
    if (options.prepared) await preparedQuery(em, statement.sql, statement.params);
    else await em.query(statement.sql, statement.params);
  return result;
}

/** A SELECT sent as the last part of writeTogetherThenRead's statement. */
export interface TrailingRead {
  sql: string;
  params: unknown[];
}

/**
 * writeTogether whose one statement ends with `read` (a SELECT) instead of its last INSERT, and answers
 * the read's rows: the writes and a read the caller needs next, in one round trip. The read sees the
 * database as the statement found it, so none of the rows written beside it: only for a read that does
 * not depend on them (the tiers of the customers whose purchases are written, not the purchases).
 */
export async function writeTogetherThenRead<T>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<void>,
  read: TrailingRead,
): Promise<T[]> {
  const { held } = await hold(em, work);
  const statements = joined(held);
  const last = statements.at(-1);
  const together = last && last.params.length + read.params.length <= MAX_PARAMETERS;
  for (const statement of together ? statements.slice(0, -1) : statements)
    await em.query(statement.sql, statement.params);
  if (!together) return em.query<T[]>(read.sql, read.params);
  const parts = last.parts ?? [last];
  const { sql, params } = asOne([...parts, read]);
  return em.query<T[]>(sql, params);
}

/** Runs `work` with a manager that holds its INSERTs and UPDATEs back (see writeTogether). */
async function hold<R>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<R>,
): Promise<{ result: R; held: Held[] }> {
  const held: Held[] = [];
  const holding = new Proxy(em, {
    get(target, prop) {
      // A repository or query builder would send its statement at once, ahead of those held: refused.
      if (prop === 'connection' || prop === 'queryRunner')
        return Reflect.get(target, prop, target) as unknown;
      if (prop !== 'query')
        throw new Error(`writeTogether's manager runs INSERTs through query() only, not ${String(prop)}`);
      return (sql: string, params: unknown[] = []) => {
        if (!/^\s*(INSERT\s+INTO|UPDATE)\s/i.test(sql) || /\bRETURNING\b/i.test(sql))
          return Promise.reject(
            new Error(
              `writeTogether takes INSERT and UPDATE statements without RETURNING, not: ${sql.slice(0, 80)}`,
            ),
          );
        held.push({ sql, params });
        return Promise.resolve([]);
      };
    },
  });
  return { result: await work(holding), held };
}

/** The held INSERTs as few statements as the parameter limit allows, in their order. */
function joined(held: Held[]): Held[] {
  const out: Held[] = [];
  let group: Held[] = [];
  let count = 0;
  const close = () => {
    if (group.length === 1) out.push(group[0]);
    else if (group.length > 1) out.push({ ...asOne(group), parts: group });
    group = [];
    count = 0;
  };
  for (const h of held) {
    if (count + h.params.length > MAX_PARAMETERS) close();
    group.push(h);
    count += h.params.length;
  }
  close();
  return out;
}

/** `WITH w1 AS (INSERT ...), w2 AS (INSERT ...) INSERT ...`: every part runs, on one snapshot. */
function asOne(group: { sql: string; params: unknown[] }[]): Held {
  const params: unknown[] = [];
  const parts = group.map((h) => {
    const sql = renumberParameters(h.sql, params.length);
    params.push(...h.params);
    return sql;
  });
  const main = parts.pop()!;
  return { sql: `WITH ${parts.map((p, i) => `w${i + 1} AS (${p})`).join(', ')} ${main}`, params };
}
