import { Client } from 'pg';
import { DataSource, DataSourceOptions, EntityManager, MigrationInterface } from 'typeorm';
import { SnakeNamingStrategy } from './naming';
import { PLATFORM_ENTITIES } from './platform.entities';
import { PLATFORM_MIGRATIONS } from './platform.migrations';

/** A TypeORM entity class. */
export type EntityClass = new () => unknown;
/** A migration class (`<timestamp>-<PascalName>.ts`). */
export type MigrationClass = new () => MigrationInterface;

export interface DatabaseOptions {
  url: string;
  /** The service's own entities; the platform's outbox, inbox, dead-letter and audit entities are added. */
  entities?: EntityClass[];
  /** The service's own migrations; the platform's migrations are added and run first. */
  migrations?: MigrationClass[];
  poolSize?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /** `backend_flush_after` of every pooled session, in kB (0 or absent: the server's setting). */
  flushAfterKb?: number;
}

export function dataSourceOptions(opts: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: opts.url,
    entities: [...PLATFORM_ENTITIES, ...(opts.entities ?? [])],
    migrations: [...PLATFORM_MIGRATIONS, ...(opts.migrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: ['error'],
    applicationName: opts.applicationName,
    // A request that cannot get a connection within 10 s fails (503-able) instead of queueing forever.
    extra: {
      max: opts.poolSize ?? 20,
      connectionTimeoutMillis: 10_000,
      // Sent in the startup packet: no statement per connection.
      ...(opts.flushAfterKb ? { options: `-c backend_flush_after=${Math.trunc(opts.flushAfterKb)}kB` } : {}),
    },
  };
}

/** Creates the service's database when it does not exist yet (first start on a new machine). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`Refusing to create database with unusual name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (e) {
        // Another replica created it in the meantime.
        if ((e as { code?: string }).code !== '42P04') throw e;
      }
    }
  } finally {
    await client.end();
  }
}

/** Creates the database if needed, connects, and applies pending migrations. */
export async function migrate(opts: DatabaseOptions): Promise<string[]> {
  await ensureDatabase(opts.url);
  const ds = new DataSource({ ...dataSourceOptions(opts), extra: { max: 2 } });
  await ds.initialize();
  try {
    // Several replicas may start at once: one applies, the others wait on the lock and find nothing to do.
    await ds.query('SELECT pg_advisory_lock(727274)');
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock(727274)');
    }
  } finally {
    await ds.destroy();
  }
}

/**
 * The one way to write several rows atomically: the work gets an EntityManager bound to a
 * transaction, and the outbox publisher writes its event rows through the same manager.
 */
export abstract class Transactions {
  abstract run<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
}

export class DataSourceTransactions extends Transactions {
  constructor(private readonly dataSource: DataSource) {
    super();
  }
  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
