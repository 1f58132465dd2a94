// Every service's schema, as its migrations leave it, holds no index twice: two indexes of the same
// table with the same columns or expressions, operator classes, predicate, method and uniqueness serve
// the same queries, and each one is written on every insert and on every update it covers (issue 11:
// the intake's write-ahead log per complaint).
import { startService } from '@cx/testing';
import { ALL_SERVICES } from '../support/services';

const DUPLICATES = `
  SELECT t.relname AS "table", array_agg(c.relname::text ORDER BY c.relname) AS "indexes"
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
   GROUP BY t.relname, i.indkey::text, i.indclass::text, i.indcollation::text, c.relam, i.indisunique,
            pg_get_expr(i.indexprs, i.indrelid), pg_get_expr(i.indpred, i.indrelid)
  HAVING count(*) > 1
   ORDER BY 1`;

describe("the services' indexes (real Postgres, every migration applied)", () => {
  it.each(ALL_SERVICES.map((def) => [def.name, def] as const))('%s: no index twice', async (_name, def) => {
    const h = await startService(def);
    try {
      expect(await h.sql<{ table: string; indexes: string[] }>(DUPLICATES)).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});
