// Throwaway databases and NATS namespaces for the event-pipeline bench: the same pipeline fixtures the
// integration and fault tests use, with the bench's own database prefix.
import { Client } from 'pg';
import { PipelineDatabases, preparePipelineDatabases } from '../../libs/platform/test/support/pipeline';

export {
  TEST_EVENT as BENCH_EVENT,
  purchase,
  deleteNamespaceStreams,
} from '../../libs/platform/test/support/pipeline';
export type { PipelineDatabases as BenchDatabases } from '../../libs/platform/test/support/pipeline';

/** A producer database (platform tables: outbox, inbox, ...) and a consumer database (plus `applied`). */
export function prepareBenchDatabases(serverUrl: string): Promise<PipelineDatabases> {
  return preparePipelineDatabases(serverUrl, 'cxbench_');
}

export interface AppliedCounts {
  applied: number;
  duplicates: number;
  deadLetters: number;
}

export async function appliedCounts(consumerUrl: string): Promise<AppliedCounts> {
  const c = new Client({ connectionString: consumerUrl });
  await c.connect();
  try {
    const r = await c.query<{ applied: number; distinct: number; dead: number }>(
      `SELECT (SELECT count(*)::int FROM applied) AS applied, (SELECT count(DISTINCT message_id)::int FROM applied) AS distinct,
              (SELECT count(*)::int FROM dead_letter) AS dead`,
    );
    const { applied, distinct, dead } = r.rows[0];
    return { applied, duplicates: applied - distinct, deadLetters: dead };
  } finally {
    await c.end();
  }
}
