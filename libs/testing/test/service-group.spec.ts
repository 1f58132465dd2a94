// Several services on one namespace (startServices) against the real Postgres and NATS: they hear the
// same events, a service outside the group does not, and the group removes the streams once at the end.
import { PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { BaseConfig, Clock, EventContext, ManualClock, OnEvent, ServiceDefinition } from '@cx/platform';
import { Controller, Injectable, Module } from '@nestjs/common';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  namespaceStreams,
  ServiceHarness,
  SHARED_NATS_URL,
  SHARED_POSTGRES_URL,
  sleep,
  startService,
  startServices,
  waitFor,
} from '../src';

class SeenTable1763900000002 implements MigrationInterface {
  name = 'SeenTable1763900000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE seen (order_id text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE seen`);
  }
}

@Controller()
class PurchaseHandlers {
  @OnEvent(Subjects.crm.purchaseRecorded)
  async onPurchase(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    await ctx.em.query(`INSERT INTO seen (order_id) VALUES ($1)`, [data.orderId]);
  }
}

/** Where each service started by this file found its database and namespace. */
const surroundings: { databaseUrl: string; namespace: string }[] = [];

@Injectable()
class RecordsSurroundings {
  constructor(config: BaseConfig) {
    surroundings.push({ databaseUrl: config.DATABASE_URL ?? '', namespace: config.NATS_NAMESPACE });
  }
}

@Module({ controllers: [PurchaseHandlers], providers: [RecordsSurroundings] })
class PurchaseModule {}

/** A consumer of crm's purchases under a service's name (its durable consumer is named after it). */
const consumerNamed = (name: 'aftersales' | 'complaints'): ServiceDefinition => ({
  name,
  title: 'Service group test',
  description: 'A service that records the purchases it sees',
  version: '0.0.0',
  defaultPort: 0,
  config: BaseConfig,
  imports: [PurchaseModule],
  entities: [],
  migrations: [SeenTable1763900000002],
});

const seen = async (h: ServiceHarness) =>
  (await h.sql<{ order_id: string }>(`SELECT order_id FROM seen ORDER BY order_id`)).map((r) => r.order_id);

async function databaseExists(url: string): Promise<boolean> {
  const c = new Client({ connectionString: SHARED_POSTGRES_URL });
  await c.connect();
  try {
    const name = new URL(url).pathname.slice(1);
    return (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

describe('services on one namespace (real Postgres and NATS)', () => {
  it('hear each other, keep their own databases, share the clock; the group removes the streams once', async () => {
    const clock = new ManualClock('2026-03-01T08:00:00Z');
    const group = await startServices([consumerNamed('aftersales'), consumerNamed('complaints')], { clock });
    const [aftersales, complaints] = group.services;
    const outsider = await startService(consumerNamed('complaints'));
    try {
      expect(aftersales.namespace).toBe(group.namespace);
      expect(complaints.namespace).toBe(group.namespace);
      expect(outsider.namespace).not.toBe(group.namespace);
      expect(aftersales.dbUrl).not.toBe(complaints.dbUrl);
      expect(complaints.get(Clock)).toBe(clock);

      // Published once, by one member, as crm would: both members apply it, the outsider does not.
      await aftersales.publish(Subjects.crm.purchaseRecorded, { orderId: 'SO-GROUP-1' });
      await waitFor(async () => (await seen(aftersales)).length === 1, 10_000, 'aftersales applied it');
      await waitFor(async () => (await seen(complaints)).length === 1, 10_000, 'complaints applied it');
      await sleep(500); // room for a stray delivery to arrive
      expect(await seen(complaints)).toEqual(['SO-GROUP-1']);
      expect(await seen(outsider)).toEqual([]);

      // One member stopping leaves the streams the others still use.
      await aftersales.stop();
      expect(await databaseExists(aftersales.dbUrl)).toBe(false);
      const prefix = group.namespace.toUpperCase();
      expect((await namespaceStreams(SHARED_NATS_URL, group.namespace)).sort()).toEqual(
        [`${prefix}_EVT_AFTERSALES`, `${prefix}_EVT_COMPLAINTS`, `${prefix}_EVT_CRM`].sort(),
      );
      await complaints.publish(Subjects.crm.purchaseRecorded, { orderId: 'SO-GROUP-2' });
      await waitFor(
        async () => (await seen(complaints)).length === 2,
        10_000,
        'complaints applied the second',
      );

      await group.stop();
      expect(await namespaceStreams(SHARED_NATS_URL, group.namespace)).toEqual([]);
      expect(await databaseExists(complaints.dbUrl)).toBe(false);
      await expect(group.stop()).resolves.toBeUndefined();
      await expect(group.start(consumerNamed('aftersales'))).rejects.toThrow('stopped');
    } finally {
      await group.stop().catch(() => undefined);
      await outsider.stop();
    }
    expect(await namespaceStreams(SHARED_NATS_URL, outsider.namespace)).toEqual([]);
  });

  it('stops the members already started when a later one fails, and removes the streams', async () => {
    const failing: ServiceDefinition = {
      ...consumerNamed('complaints'),
      migrations: [SeenTable1763900000002, FailingMigration1763900000003],
    };
    surroundings.length = 0;
    await expect(startServices([consumerNamed('aftersales'), failing])).rejects.toThrow('failing on purpose');
    // The first was started and stopped again, on the namespace the second failed on.
    const namespaces = new Set(surroundings.map((s) => s.namespace));
    expect(surroundings.length).toBeGreaterThanOrEqual(1);
    expect(namespaces.size).toBe(1);
    for (const { databaseUrl } of surroundings) expect(await databaseExists(databaseUrl)).toBe(false);
    expect(await namespaceStreams(SHARED_NATS_URL, [...namespaces][0])).toEqual([]);
  });
});

class FailingMigration1763900000003 implements MigrationInterface {
  name = 'FailingMigration1763900000003';
  up(): Promise<void> {
    return Promise.reject(new Error('failing on purpose in a migration'));
  }
  down(): Promise<void> {
    return Promise.resolve();
  }
}
