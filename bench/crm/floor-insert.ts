// The bulk ingest's floor: the rows the real ingest committed (purchases, lines, loyalty ledger rows,
// outbox events), read back and written again in batches of the same size, each batch one transaction
// with one multi-row INSERT per table and nothing else: no HTTP, validation, lookups, tier evaluation,
// ORM or event publication. Same database server, same tables and indexes, same concurrency.
import { Client, Pool, PoolClient } from 'pg';
import { summarize, LatencySummary, wallMs } from '../support/stats';

/** The tables the ingest transaction inserts into, in foreign-key order, and how a row names its purchase. */
export const FLOOR_TABLES: { table: string; purchaseColumn?: string }[] = [
  { table: 'purchase', purchaseColumn: 'id' },
  { table: 'purchase_line', purchaseColumn: 'purchase_id' },
  { table: 'loyalty_purchase', purchaseColumn: 'purchase_id' },
  { table: 'points_lot', purchaseColumn: 'purchase_id' },
  { table: 'points_entry', purchaseColumn: 'purchase_id' },
  // Events name their aggregate in aggregate_id (a purchase, or a customer for tier changes): the
  // batch's share of the outbox rows is taken in order instead.
  { table: 'outbox' },
];

interface TableRows {
  table: string;
  columns: string[];
  /** Per batch, its rows as text values (Postgres' input syntax), in column order. */
  batches: (string | null)[][][];
}

export interface FloorBatches {
  batches: number;
  purchasesPerBatch: number;
  tables: TableRows[];
  /** Rows per table in all the batches. */
  rows: Record<string, number>;
}

async function columnsOf(c: Client, table: string): Promise<string[]> {
  const r = await c.query<{ column_name: string; is_identity: string; column_default: string | null }>(
    `SELECT column_name, is_identity, column_default FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  // A serial key (the outbox's seq) is drawn again by the floor's insert, as by the real one.
  return r.rows
    .filter((c) => c.is_identity !== 'YES' && !(c.column_default ?? '').startsWith('nextval('))
    .map((c) => c.column_name);
}

/**
 * Reads back `batches` x `perBatch` purchases the ingest committed at or after `since` (oldest first)
 * with their rows in every FLOOR_TABLES table, grouped in batches as they will be written again.
 */
export async function captureBatches(
  databaseUrl: string,
  since: Date,
  batches: number,
  perBatch: number,
  outboxPerPurchase: number,
): Promise<FloorBatches> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const ids = (
      await c.query<{ id: string }>(
        `SELECT id FROM purchase WHERE recorded_at >= $1 ORDER BY recorded_at, id LIMIT $2`,
        [since, batches * perBatch],
      )
    ).rows.map((r) => r.id);
    const n = Math.floor(ids.length / perBatch);
    const batchOf = new Map(ids.slice(0, n * perBatch).map((id, i) => [id, Math.floor(i / perBatch)]));
    const tables: TableRows[] = [];
    const rows: Record<string, number> = {};
    for (const t of FLOOR_TABLES) {
      const columns = await columnsOf(c, t.table);
      const select = columns.map((col) => `"${col}"::text`).join(', ');
      const out: (string | null)[][][] = Array.from({ length: n }, () => []);
      if (t.purchaseColumn) {
        const r = await c.query({
          text: `SELECT "${t.purchaseColumn}"::text AS __p, ${select} FROM ${t.table} WHERE "${t.purchaseColumn}" = ANY($1::uuid[])`,
          values: [[...batchOf.keys()]],
          rowMode: 'array',
        });
        for (const row of r.rows as (string | null)[][]) out[batchOf.get(row[0]!)!].push(row.slice(1));
      } else {
        const perBatchRows = Math.round(outboxPerPurchase * perBatch);
        const r = await c.query({
          text: `SELECT ${select} FROM ${t.table} WHERE created_at >= $1 ORDER BY seq LIMIT $2`,
          values: [since, perBatchRows * n],
          rowMode: 'array',
        });
        (r.rows as (string | null)[][]).forEach((row, i) => out[Math.floor(i / perBatchRows)]?.push(row));
      }
      rows[t.table] = out.reduce((s, b) => s + b.length, 0);
      tables.push({ table: t.table, columns, batches: out });
    }
    return { batches: n, purchasesPerBatch: perBatch, tables, rows };
  } finally {
    await c.end();
  }
}

/** Empties the floor's tables (the real ingest's rows were captured; the floor writes them again). */
export async function emptyFloorTables(databaseUrl: string): Promise<void> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query(`TRUNCATE ${FLOOR_TABLES.map((t) => t.table).join(', ')} CASCADE`);
    await c.query('CHECKPOINT');
  } finally {
    await c.end();
  }
}

function insertOf(
  table: string,
  columns: string[],
  rows: (string | null)[][],
): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const start = values.length;
    values.push(...row);
    return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  return {
    text: `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
    values,
  };
}

export interface FloorResult {
  batches: number;
  purchases: number;
  seconds: number;
  purchasesPerSecond: number;
  /** Per batch transaction (BEGIN, one INSERT per table, COMMIT), ms. */
  latency: LatencySummary;
}

/**
 * `concurrency` connections, opened before any batch (and closed by `close()` after the CPU of a phase
 * has been read, so the backends' CPU is still theirs when it is read).
 */
export async function floorWriter(
  databaseUrl: string,
  floor: FloorBatches,
  concurrency: number,
): Promise<{ write(from: number, to: number): Promise<FloorResult>; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
  const clients = await Promise.all(Array.from({ length: concurrency }, () => pool.connect()));
  const write = async (from: number, to: number): Promise<FloorResult> => {
    // Statements built before the clock starts: the floor measures the database, not string building.
    const statements = Array.from({ length: to - from }, (_, i) =>
      floor.tables
        .filter((t) => t.batches[from + i].length > 0)
        .map((t) => insertOf(t.table, t.columns, t.batches[from + i])),
    );
    let next = from;
    const samples: number[] = [];
    const t0 = wallMs();
    const worker = async (c: PoolClient) => {
      for (let b = next++; b < to; b = next++) {
        const started = wallMs();
        await c.query('BEGIN');
        for (const q of statements[b - from]) await c.query(q);
        await c.query('COMMIT');
        samples.push(wallMs() - started);
      }
    };
    await Promise.all(clients.map(worker));
    const seconds = (wallMs() - t0) / 1000;
    const purchases = (to - from) * floor.purchasesPerBatch;
    return {
      batches: to - from,
      purchases,
      seconds,
      purchasesPerSecond: purchases / seconds,
      latency: summarize(samples),
    };
  };
  const close = async () => {
    for (const c of clients) c.release();
    await pool.end();
  };
  return { write, close };
}
