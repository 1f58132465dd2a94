import { DataSource } from 'typeorm';
import { PiiCipher, PiiError } from './pii.cipher';

export interface ReencryptOptions {
  table: string;
  idColumn: string;
  column: string;
  cipher: PiiCipher;
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /**
   * Also encrypt values that are not tokens yet (plain text left from before the column was encrypted).
   * Off by default: a plain value in an encrypted column is otherwise an error worth seeing.
   */
  encryptPlaintext?: boolean;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function quoteIdent(name: string, what: 'table' | 'column'): string {
  const parts = name.split('.');
  const maxParts = what === 'table' ? 2 : 1; // a table may be schema-qualified
  if (parts.length > maxParts || !parts.every((p) => IDENT.test(p)))
    throw new Error(`Refusing unusual ${what} name "${name}"`);
  return parts.map((p) => `"${p}"`).join('.');
}

/**
 * Re-encrypts with the active key every value of `table.column` encrypted with another key, in batches
 * of one transaction each (rows locked FOR UPDATE, so a concurrent write is never overwritten with a
 * stale value). Safe to stop and run again; returns how many values were rewritten. Run it after
 * adding a new key and making it active, then remove the old key from PII_KEYS.
 */
export async function reencryptColumn(dataSource: DataSource, options: ReencryptOptions): Promise<number> {
  const table = quoteIdent(options.table, 'table');
  const id = quoteIdent(options.idColumn, 'column');
  const column = quoteIdent(options.column, 'column');
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be a positive integer');
  const { cipher } = options;
  const prefix = cipher.activePrefix;

  const typeRows: { type: string | null }[] = await dataSource.query(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
      WHERE a.attrelid = to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped`,
    [options.table, options.idColumn],
  );
  const idType = typeRows[0]?.type;
  if (!idType) throw new Error(`No column ${options.idColumn} in table ${options.table}`);

  let total = 0;
  let after: string | null = null;
  for (;;) {
    const done: boolean = await dataSource.transaction(async (em) => {
      const rows: { id: string; value: string }[] = await em.query(
        `SELECT ${id}::text AS id, ${column} AS value FROM ${table}
          WHERE ${column} IS NOT NULL AND left(${column}, ${prefix.length}) <> $1
            ${after === null ? '' : `AND ${id} > CAST($3 AS ${idType})`}
          ORDER BY ${id} LIMIT $2 FOR UPDATE`,
        after === null ? [prefix, batchSize] : [prefix, batchSize, after],
      );
      if (rows.length === 0) return true;
      const ids: string[] = [];
      const values: string[] = [];
      for (const row of rows) {
        let plain: string;
        if (PiiCipher.isToken(row.value)) plain = cipher.decrypt(row.value);
        else if (options.encryptPlaintext) plain = row.value;
        else
          throw new PiiError(
            `${options.table}.${options.column} of ${options.idColumn}=${row.id} is not encrypted (use encryptPlaintext to encrypt it)`,
          );
        ids.push(row.id);
        values.push(cipher.encrypt(plain));
      }
      await em.query(
        `UPDATE ${table} AS t SET ${column} = v.value
           FROM unnest($1::text[], $2::text[]) AS v(id, value)
          WHERE t.${id} = CAST(v.id AS ${idType})`,
        [ids, values],
      );
      total += rows.length;
      after = rows[rows.length - 1].id;
      return rows.length < batchSize;
    });
    if (done) return total;
  }
}
