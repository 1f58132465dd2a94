// Throwaway databases and NATS namespaces for the event-pipeline bench (own copies, so the bench does
// not move when the test fixtures do).
import { PurchaseRecordedV1, sampleFor, Subjects } from '@cx/contracts';
import { createTestDatabase } from '@cx/testing';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrate } from '../../libs/platform/src/database';
import { NatsClient, NatsNaming } from '../../libs/platform/src/messaging';

export const BENCH_EVENT = Subjects.crm.purchaseRecorded;

/** A realistic event: the catalogue's sample purchase (two lines), for one customer and order. */
export function purchase(aggregateId: string, orderId: string): PurchaseRecordedV1 {
  return { ...sampleFor(BENCH_EVENT), customerId: aggregateId, orderId };
}

/** What the bench handler writes: one row per applied event (no unique key: a duplicate shows as two rows). */
export class BenchAppliedTable1763800000101 implements MigrationInterface {
  name = 'BenchAppliedTable1763800000101';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE applied (n bigserial PRIMARY KEY, message_id uuid NOT NULL, aggregate_id text NOT NULL,
      order_id text NOT NULL, delivery int NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE applied');
  }
}

export interface BenchDatabases {
  producerUrl: string;
  consumerUrl: string;
  drop(): Promise<void>;
}

/** A producer database (platform tables: outbox, inbox, ...) and a consumer database (plus `applied`). */
export async function prepareBenchDatabases(serverUrl: string): Promise<BenchDatabases> {
  const producer = await createTestDatabase(serverUrl, 'cxbench_prod_');
  const consumer = await createTestDatabase(serverUrl, 'cxbench_cons_');
  await migrate({ url: producer.url });
  await migrate({ url: consumer.url, migrations: [BenchAppliedTable1763800000101] });
  return {
    producerUrl: producer.url,
    consumerUrl: consumer.url,
    async drop() {
      await producer.drop();
      await consumer.drop();
    },
  };
}

/** Removes every stream of a namespace (the shared NATS server outlives the bench). */
export async function deleteNamespaceStreams(natsUrl: string, namespace: string): Promise<void> {
  const nats = new NatsClient({ servers: natsUrl, name: 'bench-cleanup', naming: new NatsNaming(namespace) });
  await nats.connect();
  try {
    const prefix = nats.naming.stream('crm').replace(/EVT_CRM$/, '');
    for await (const name of nats.jsm.streams.names())
      if (name.startsWith(prefix)) await nats.jsm.streams.delete(name);
  } finally {
    await nats.close();
  }
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
