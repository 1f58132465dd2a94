import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';

interface PgClient {
  query(config: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** Statement names by text: one text is one prepared statement per connection, whoever sends it. */
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `ps_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs `text` as a named prepared statement on the connection of `em` (its transaction's), for a hot
 * write path measured to need it (ADR 37): Postgres parses and plans the statement once per
 * connection instead of at every call, as PreparedRead does for reads on the pool (ADR 20). On the
 * survey answer's two statements that was 1.6x the transactions per second in pgbench
 * (`-M prepared` against `-M extended`, docs/benchmarks.md). The values go as they would through
 * `em.query`. Only for statements whose text is fixed: a text that varies (a batch's row count, an
 * optional filter) would prepare one statement per variant on every pooled connection.
 */
export async function preparedQuery<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  values: unknown[],
): Promise<{ rows: T[]; rowCount: number }> {
  const runner = em.queryRunner;
  if (!runner) throw new Error('preparedQuery needs the EntityManager of a transaction (Transactions.run)');
  const client = (await runner.connect()) as PgClient;
  const result = await client.query({ name: statementName(text), text, values });
  return { rows: result.rows as T[], rowCount: result.rowCount ?? 0 };
}
