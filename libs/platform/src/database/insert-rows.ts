import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** Postgres takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 65_000;

/**
 * Inserts entities with one multi-row INSERT per at most 65,000 parameters, writing what
 * `Repository.insert` writes: every insertable column from the entity's metadata, each value through
 * the column's transformer (encrypted columns) and the driver's conversion (jsonb, dates), DEFAULT for
 * an undefined value. For write paths that insert many rows at once (WriteBatcher batches): TypeORM's
 * query builder spends time growing with the square of the parameter count on a wide multi-row insert.
 * Reads back nothing (no generated ids: set the primary key before). With `ignoreConflicts`, a row that
 * conflicts with one already there (a unique key) is skipped: ON CONFLICT DO NOTHING.
 */
export async function insertRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> {
  for (const { sql, values } of insertStatements(em, target, rows))
    await em.query(options.ignoreConflicts ? `${sql} ON CONFLICT DO NOTHING` : sql, values);
}

/**
 * insertRows with `ignoreConflicts`, answering how many rows were written (`RETURNING 1`): for a caller
 * that must know whether its row was taken (a triggered invitation and the case's unique key).
 */
export async function insertNewRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<number> {
  let written = 0;
  for (const { sql, values } of insertStatements(em, target, rows))
    written += (await em.query<unknown[]>(`${sql} ON CONFLICT DO NOTHING RETURNING 1`, values)).length;
  return written;
}

/** The INSERT statements of insertRows, each with at most MAX_PARAMETERS values. */
function* insertStatements<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Generator<{ sql: string; values: unknown[] }> {
  if (rows.length === 0) return;
  const { head, cells } = planOf(em, em.connection.getMetadata(target));
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / cells.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const values: unknown[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      let tuple = '(';
      for (let i = 0; i < cells.length; i++) {
        const value = cells[i](row);
        if (i > 0) tuple += ', ';
        if (value === undefined) tuple += 'DEFAULT';
        else tuple += `$${values.push(value)}`;
      }
      return tuple + ')';
    });
    yield { sql: `${head} VALUES ${tuples.join(', ')}`, values };
  }
}

/**
 * Column types whose values go to pg as they are: PostgresDriver.preparePersistentValue returns them
 * unchanged, after building a new array of type names per call to look for json (measured: 9 kB of
 * every complaint intake's allocations, docs/benchmarks.md round 12). Anything else (json, dates,
 * enums, a Boolean-typed column, a transformer) still goes through the driver.
 */
const AS_IS = new Set<unknown>([
  String,
  Number,
  'text',
  'varchar',
  'character varying',
  'char',
  'character',
  'citext',
  'uuid',
  'int',
  'int2',
  'int4',
  'int8',
  'integer',
  'smallint',
  'bigint',
  'numeric',
  'decimal',
  'real',
  'float',
  'float4',
  'float8',
  'double precision',
  'boolean',
  'bool',
]);

/** An entity's INSERT head and, per insertable column, its value as pg takes it (undefined: DEFAULT). */
interface InsertPlan {
  head: string;
  cells: ((row: ObjectLiteral) => unknown)[];
}

const plans = new WeakMap<EntityMetadata, InsertPlan>();

function planOf(em: EntityManager, meta: EntityMetadata): InsertPlan {
  let plan = plans.get(meta);
  if (plan) return plan;
  const driver = em.connection.driver;
  const columns = meta.columns.filter((c) => c.isInsert && !c.isVirtual && !c.isGenerated);
  const cells = columns.map((c) => {
    // A column of the entity itself is a property read; embedded and relation columns take TypeORM's way.
    const own = !c.embeddedMetadata && !c.relationMetadata && !c.referencedColumn;
    const property = c.propertyName;
    const read = own
      ? (row: ObjectLiteral): unknown => row[property]
      : (row: ObjectLiteral): unknown => c.getEntityValue(row);
    if (!c.transformer && AS_IS.has(c.type)) return read;
    // The driver applies the transformer (encrypted columns) and converts jsonb and dates.
    return (row: ObjectLiteral): unknown => {
      const value = read(row);
      return value === undefined ? undefined : (driver.preparePersistentValue(value, c) as unknown);
    };
  });
  plan = {
    head: `INSERT INTO ${driver.escape(meta.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')})`,
    cells,
  };
  plans.set(meta, plan);
  return plan;
}

/**
 * Inserts one entity unless a row with one of its unique keys is there already (ON CONFLICT DO
 * NOTHING): true when it was written. The unique index decides, so of two concurrent inserts of the same
 * key exactly one is written, also when the other commits meanwhile. `returned` is a column the insert
 * returns to tell (the primary key's property).
 */
export async function insertUnlessTaken<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  row: T,
  returned = 'id',
): Promise<boolean> {
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(row)
    .orIgnore()
    .returning([returned])
    .execute();
  return (result.raw as unknown[]).length === 1;
}
