// The service harness against the real Postgres and NATS: what stop() removes, what a failed start
// leaves, and that two harnesses side by side stay apart.
import { PurchaseRecordedV1, Subjects } from '@cx/contracts';
import { BaseConfig, Clock, EventContext, ManualClock, OnEvent, ServiceDefinition } from '@cx/platform';
import { Controller, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  namespaceStreams,
  ServiceHarness,
  SHARED_NATS_URL,
  SHARED_POSTGRES_URL,
  sleep,
  startService,
  waitFor,
} from '../src';

class SeenTable1763900000001 implements MigrationInterface {
  name = 'SeenTable1763900000001';
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

@Module({ controllers: [PurchaseHandlers] })
class PurchaseModule {}

/** A consumer of crm's purchases, as aftersales will be. */
const consumer: ServiceDefinition = {
  name: 'aftersales',
  title: 'Harness test',
  description: 'A service that records the purchases it sees',
  version: '0.0.0',
  defaultPort: 0,
  config: BaseConfig,
  imports: [PurchaseModule],
  entities: [],
  migrations: [SeenTable1763900000001],
};

/** What the failing service saw of its surroundings before it failed. */
const seenByFailing: { databaseUrl?: string; namespace?: string } = {};

@Injectable()
class FailsOnBootstrap implements OnApplicationBootstrap {
  constructor(private readonly config: BaseConfig) {}
  onApplicationBootstrap(): void {
    seenByFailing.databaseUrl = this.config.DATABASE_URL;
    seenByFailing.namespace = this.config.NATS_NAMESPACE;
    throw new Error('failing on purpose after connecting');
  }
}

@Module({ providers: [FailsOnBootstrap] })
class FailingModule {}

const failing: ServiceDefinition = { ...consumer, imports: [FailingModule] };

/** What the service that cannot be built saw before its provider failed. */
const seenByBroken: { databaseUrl?: string; namespace?: string } = {};

@Injectable()
class FailsWhileBuilt {
  constructor(config: BaseConfig) {
    seenByBroken.databaseUrl = config.DATABASE_URL;
    seenByBroken.namespace = config.NATS_NAMESPACE;
    throw new Error('failing on purpose while the app is built');
  }
}

@Module({ providers: [FailsWhileBuilt] })
class BrokenModule {}

const broken: ServiceDefinition = { ...consumer, imports: [BrokenModule] };

async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const c = new Client({ connectionString: SHARED_POSTGRES_URL });
  await c.connect();
  try {
    return (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

const seen = async (h: ServiceHarness) =>
  (await h.sql<{ order_id: string }>(`SELECT order_id FROM seen ORDER BY order_id`)).map((r) => r.order_id);

describe('service harness (real Postgres and NATS)', () => {
  it('stop() removes every stream of its namespace and drops its database, once', async () => {
    const h = await startService(consumer);
    await h.publish(Subjects.crm.purchaseRecorded, { orderId: 'SO-STOP-1' });
    await waitFor(async () => (await seen(h)).length === 1, 10_000, 'purchase applied');
    expect((await namespaceStreams(SHARED_NATS_URL, h.namespace)).sort()).toEqual(
      [`${h.namespace.toUpperCase()}_EVT_AFTERSALES`, `${h.namespace.toUpperCase()}_EVT_CRM`].sort(),
    );
    expect(await databaseExists(h.dbUrl)).toBe(true);

    await h.stop();
    expect(await namespaceStreams(SHARED_NATS_URL, h.namespace)).toEqual([]);
    expect(await databaseExists(h.dbUrl)).toBe(false);
    await expect(h.stop()).resolves.toBeUndefined();
  });

  it('starts a replica on the same database, namespace and clock, and stops it before its own app', async () => {
    const clock = new ManualClock('2026-11-01T02:00:00Z');
    const h = await startService(consumer, { clock, env: { LOG_LEVEL: 'silent' } });
    const b = await h.replica({ CONSUMER_RETRY_BASE_MS: '60' });
    const stopped = jest.spyOn(b, 'stop');
    expect(b.config).toMatchObject({
      DATABASE_URL: h.dbUrl,
      NATS_NAMESPACE: h.namespace,
      LOG_LEVEL: 'silent',
      CONSUMER_RETRY_BASE_MS: 60,
    });
    expect(b.app.get(Clock)).toBe(clock);
    // The replica shares the work: each purchase is applied once, by one of the two.
    for (const orderId of ['SO-REPLICA-1', 'SO-REPLICA-2', 'SO-REPLICA-3'])
      await h.publish(Subjects.crm.purchaseRecorded, { orderId });
    await waitFor(async () => (await seen(h)).length >= 3, 10_000, 'purchases applied');
    expect(await seen(h)).toEqual(['SO-REPLICA-1', 'SO-REPLICA-2', 'SO-REPLICA-3']);

    await h.stop();
    expect(stopped).toHaveBeenCalled();
    expect(await databaseExists(h.dbUrl)).toBe(false);
    await expect(h.replica()).rejects.toThrow('harness has stopped');
  });

  it('removes what it created when the start fails half-way, and reports the failure', async () => {
    await expect(startService(failing)).rejects.toThrow('failing on purpose after connecting');
    const { databaseUrl, namespace } = seenByFailing;
    expect(databaseUrl).toBeDefined();
    expect(namespace).toBeTruthy();
    expect(await databaseExists(databaseUrl!)).toBe(false);
    expect(await namespaceStreams(SHARED_NATS_URL, namespace!)).toEqual([]);
  });

  it('reports a provider failing while the app is built, and removes the database and streams', async () => {
    await expect(startService(broken)).rejects.toThrow('failing on purpose while the app is built');
    const { databaseUrl, namespace } = seenByBroken;
    expect(databaseUrl).toBeDefined();
    expect(await databaseExists(databaseUrl!)).toBe(false);
    expect(await namespaceStreams(SHARED_NATS_URL, namespace!)).toEqual([]);
  });

  describe('two harnesses side by side', () => {
    let a: ServiceHarness;
    let b: ServiceHarness;
    const clock = new ManualClock('2026-03-01T08:00:00Z');

    beforeAll(async () => {
      [a, b] = await Promise.all([startService(consumer, { clock }), startService(consumer)]);
    });

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
    });

    it('do not see each other’s events', async () => {
      const orders = (who: string) => [1, 2, 3].map((n) => `SO-${who}-${n}`);
      for (const [h, who] of [
        [a, 'A'],
        [b, 'B'],
      ] as const)
        for (const orderId of orders(who)) await h.publish(Subjects.crm.purchaseRecorded, { orderId });
      await waitFor(async () => (await seen(a)).length >= 3, 10_000, 'a applied its purchases');
      await waitFor(async () => (await seen(b)).length >= 3, 10_000, 'b applied its purchases');
      await sleep(500); // room for a stray delivery to arrive
      expect(await seen(a)).toEqual(orders('A'));
      expect(await seen(b)).toEqual(orders('B'));
      expect(a.namespace).not.toBe(b.namespace);
      expect(a.dbUrl).not.toBe(b.dbUrl);
    });

    it('wait until every message named has been handled by their own service, in whatever lanes', async () => {
      // Two orders, two aggregates, two lanes: either may be handled first.
      const ids = [
        await a.publish(Subjects.crm.purchaseRecorded, { orderId: 'SO-A-H1' }),
        await a.publish(Subjects.crm.purchaseRecorded, { orderId: 'SO-A-H2' }),
      ];
      await a.handled(ids);
      expect(await seen(a)).toEqual(expect.arrayContaining(['SO-A-H1', 'SO-A-H2']));
      const elsewhere = await b.publish(Subjects.crm.purchaseRecorded, { orderId: 'SO-B-H1' });
      await b.handled([elsewhere]);
      await expect(a.handled([ids[0], elsewhere], 300)).rejects.toThrow(
        'timed out after 300 ms waiting for 2 message(s) handled',
      );
    });

    it('run on the clock they were given, or a manual clock of their own', () => {
      expect(a.clock).toBe(clock);
      expect(a.get(Clock)).toBe(clock);
      expect(b.get(Clock)).toBe(b.clock);
      expect(b.clock).toBeInstanceOf(ManualClock);
    });

    it('sign tokens their service accepts; a lead leads the service under test unless told otherwise', async () => {
      const url = '/api/v1/admin/dead-letters';
      expect((await a.request('GET', url, { as: 'lead' })).statusCode).toBe(200);
      expect((await a.request('GET', url, { as: 'lead', dept: 'crm' })).statusCode).toBe(403);
      expect((await a.request('GET', url, { as: 'agent' })).statusCode).toBe(403);
      expect((await a.request('GET', url)).statusCode).toBe(401);
    });
  });
});
