import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { preparedQuery } from './prepared-query';

type Column = ReturnType<DataSource['getMetadata']>['columns'][number];

interface PgPool {
  query(config: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: Record<string, unknown>[] }>;
}

/**
 * A hot read as one plain statement, for a path measured to need it (ADR 20): a named prepared
 * statement on the pool's connections (parsed and planned once per connection, not per request), its
 * rows turned into entities through the entity's own metadata, so transformers (`encrypted()`) and the
 * driver's conversions apply as on a TypeORM read. One per statement, built once (a provider field);
 * `text` receives the entity's SELECT list for an alias.
 *
 * Why: on a small read TypeORM's query builder spends more CPU composing the SQL and hydrating the row
 * than Postgres spends answering it, and Postgres parses and plans an unnamed statement every time.
 * A name stands for one text in a process: a different text needs a different name.
 */
export class PreparedRead<T extends ObjectLiteral> {
  /** The statement's text (for tests and EXPLAIN). */
  readonly sql: string;
  private readonly columns: Column[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly target: EntityTarget<T>,
    readonly name: string,
    text: (select: (alias: string) => string) => string,
  ) {
    this.columns = dataSource.getMetadata(target).columns.filter((c) => c.isSelect && !c.isVirtual);
    const q = (s: string) => dataSource.driver.escape(s);
    this.sql = text((alias) =>
      this.columns.map((c) => `${q(alias)}.${q(c.databaseName)} AS ${q(c.databaseName)}`).join(', '),
    );
  }

  /** Runs the statement on a pooled connection; the raw rows, keyed by column name (or alias). */
  async run(values: unknown[]): Promise<Record<string, unknown>[]> {
    const pool = (this.dataSource.driver as unknown as { master: PgPool }).master;
    return (await pool.query({ name: this.name, text: this.sql, values })).rows;
  }

  /**
   * Runs the statement on the connection of `em`, its transaction's (preparedQuery): for a read that
   * must see the transaction's writes or lock rows (`FOR UPDATE`).
   */
  async runIn(em: EntityManager, values: unknown[]): Promise<Record<string, unknown>[]> {
    return (await preparedQuery(em, this.sql, values)).rows;
  }

  /** The entity in a row of this statement: each column through the driver and its transformer. */
  toEntity(row: Record<string, unknown>): T {
    const entity = this.dataSource.getMetadata(this.target).create() as T;
    const driver = this.dataSource.driver;
    for (const c of this.columns)
      c.setEntityValue(entity, driver.prepareHydratedValue(row[c.databaseName], c));
    return entity;
  }
}
