import { createTestDatabase, ServiceHarness, startService } from '@cx/testing';
import { Body, Controller, Module, Post, Res } from '@nestjs/common';
import { IsInt, IsOptional, IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { CurrentPrincipal, Principal, Roles } from '../src/auth';
import { BaseConfig } from '../src/config';
import { dataSourceOptions, migrate, renumberParameters, Transactions, writeTogether } from '../src/database';
import {
  IdempotencyKey,
  IdempotencyKeyReusedError,
  IdempotencyKeys,
  IdempotentAnswer,
  IdempotentRequest,
} from '../src/http';
import { ServiceDefinition } from '../src/service';
import { HOUR_MS, ManualClock } from '../src/time';

/** A create: one row in `thing`, answered with its id and name. */
async function createThing(
  em: EntityManager,
  name: string,
): Promise<IdempotentAnswer<{ id: string; name: string }>> {
  const id = randomUUID();
  await em.query(`INSERT INTO thing (id, name) VALUES ($1, $2)`, [id, name]);
  return { status: 201, body: { id, name }, resourceId: id };
}

/** `n` creates in one transaction, one after the other (a connection runs one statement at a time). */
async function createThings(em: EntityManager, n: number, name: string) {
  const answers: IdempotentAnswer<{ id: string; name: string }>[] = [];
  for (let i = 0; i < n; i++) answers.push(await createThing(em, name));
  return answers;
}

const ThingTable = class ThingTable1763800000200 implements MigrationInterface {
  name = 'ThingTable1763800000200';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE thing (id uuid PRIMARY KEY, name text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE thing`);
  }
};

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('IdempotencyKeys (real Postgres)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let keys: IdempotencyKeys;
  const clock = new ManualClock('2026-08-01T10:00:00Z');
  const config = Object.assign(new BaseConfig(), { IDEMPOTENCY_KEY_RETENTION_HOURS: 24 });
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => ds.transaction(work);
  const request = (key: string, body: unknown, caller = 'pos-1'): IdempotentRequest => ({
    caller,
    key,
    body,
  });
  const things = async (name: string) =>
    Number((await ds.query(`SELECT count(*) AS n FROM thing WHERE name = $1`, [name]))[0].n);

  /** Waits until `n` sessions of the test database wait for a lock (a claim blocked on a key). */
  async function sessionsWaitingOnLocks(n: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [{ waiting }] = await ds.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
        [db.name],
      );
      if (waiting >= n) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`expected ${n} sessions waiting on a lock`);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate({ url: db.url, migrations: [ThingTable] });
    ds = await new DataSource(dataSourceOptions({ url: db.url, poolSize: 24 })).initialize();
    keys = new IdempotencyKeys(ds, clock, config);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('lets exactly one of concurrent retries create; the others wait for its commit and get its answer', async () => {
    const key = `k-${randomUUID()}`;
    const name = `concurrent-${randomUUID()}`;
    const claimed = deferred();
    const release = deferred();
    const first = tx((em) =>
      keys.run(em, request(key, { name }), async () => {
        claimed.resolve();
        await release.promise; // holds the claim, uncommitted, until the retries are waiting
        return createThing(em, name);
      }),
    );
    await claimed.promise;
    const retries = Array.from({ length: 5 }, () =>
      tx((em) => keys.run(em, request(key, { name }), () => createThing(em, name))),
    );
    await sessionsWaitingOnLocks(5);
    release.resolve();

    const answers = await Promise.all([first, ...retries]);
    expect(answers[0]).toMatchObject({ status: 201, replayed: false });
    for (const retry of answers.slice(1))
      expect(retry).toEqual({ ...answers[0], status: 200, replayed: true });
    expect(await things(name)).toBe(1);
  });

  it('lets a waiting retry create when the first transaction rolls back', async () => {
    const key = `k-${randomUUID()}`;
    const name = `rollback-${randomUUID()}`;
    const claimed = deferred();
    const release = deferred();
    const first = tx((em) =>
      keys.run(em, request(key, { name }), async () => {
        claimed.resolve();
        await release.promise;
        throw new Error('the first attempt fails');
      }),
    );
    await claimed.promise;
    const retry = tx((em) => keys.run(em, request(key, { name }), () => createThing(em, name)));
    await sessionsWaitingOnLocks(1);
    release.resolve();

    await expect(first).rejects.toThrow('the first attempt fails');
    expect(await retry).toMatchObject({ status: 201, replayed: false });
    expect(await things(name)).toBe(1);
  });

  it('answers a retry with the first answer whatever the key order of its body', async () => {
    const key = `k-${randomUUID()}`;
    const name = `order-${randomUUID()}`;
    const body = { name, lines: [{ sku: 'A', qty: 1 }], meta: { a: 1, b: [2, 3] } };
    const first = await tx((em) => keys.run(em, request(key, body), () => createThing(em, name)));
    const reordered = { meta: { b: [2, 3], a: 1 }, lines: [{ qty: 1, sku: 'A' }], name };
    const retry = await tx((em) => keys.run(em, request(key, reordered), () => createThing(em, name)));
    expect(retry).toEqual({ status: 200, body: first.body, replayed: true });
    expect(await things(name)).toBe(1);
  });

  it('refuses the same key with another body (422 IDEMPOTENCY_KEY_REUSED on Idempotency-Key)', async () => {
    const key = `k-${randomUUID()}`;
    const name = `reused-${randomUUID()}`;
    await tx((em) => keys.run(em, request(key, { name }), () => createThing(em, name)));
    const other = tx((em) => keys.run(em, request(key, { name: 'other' }), () => createThing(em, 'other')));
    await expect(other).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await expect(other).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
      details: { field: 'Idempotency-Key' },
    });
    // Key order does not matter, the order of an array does.
    const listed = `k-${randomUUID()}`;
    await tx((em) => keys.run(em, request(listed, { lines: [1, 2] }), () => createThing(em, name)));
    await expect(
      tx((em) => keys.run(em, request(listed, { lines: [2, 1] }), () => createThing(em, name))),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await things(name)).toBe(2);
  });

  it('keeps keys per caller: the same key from another caller creates its own', async () => {
    const key = `k-${randomUUID()}`;
    const name = `callers-${randomUUID()}`;
    const a = await tx((em) => keys.run(em, request(key, { name }, 'pos-1'), () => createThing(em, name)));
    const b = await tx((em) => keys.run(em, request(key, { name }, 'pos-2'), () => createThing(em, name)));
    const c = await tx((em) =>
      keys.run(em, request(key, { name: 'another' }, 'pos-3'), () => createThing(em, name)),
    );
    expect([a.replayed, b.replayed, c.replayed]).toEqual([false, false, false]);
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
    expect(await things(name)).toBe(3);
  });

  it('runs a create without a key as it is, storing nothing', async () => {
    const name = `unkeyed-${randomUUID()}`;
    const before = Number((await ds.query(`SELECT count(*) AS n FROM idempotent_request`))[0].n);
    await tx((em) => keys.run(em, undefined, () => createThing(em, name)));
    await tx((em) => keys.run(em, undefined, () => createThing(em, name)));
    expect(await things(name)).toBe(2);
    expect(Number((await ds.query(`SELECT count(*) AS n FROM idempotent_request`))[0].n)).toBe(before);
  });

  it('does a batch in one claim: new keys, no key, repeats within the batch, earlier keys', async () => {
    const run = randomUUID();
    const [earlier, earlierOther, fresh, twice] = ['earlier', 'earlier-other', 'fresh', 'twice'].map(
      (k) => `${k}-${run}`,
    );
    const earlierAnswer = await tx((em) =>
      keys.run(em, request(earlier, { n: 1 }), () => createThing(em, `batch-${run}`)),
    );
    await tx((em) => keys.run(em, request(earlierOther, { n: 1 }), () => createThing(em, `batch-${run}`)));

    const batch: (IdempotentRequest | undefined)[] = [
      request(twice, { n: 1 }), // 0: new
      undefined, // 1: no key
      request(earlier, { n: 1 }), // 2: a retry of an earlier transaction's request
      request(twice, { n: 1 }), // 3: a retry of 0, in the same batch
      request(earlierOther, { n: 2 }), // 4: an earlier key with another body
      request(twice, { n: 2 }), // 5: 0's key with another body
      request(fresh, { n: 3 }, 'pos-2'), // 6: new
      request(twice, { n: 1 }, 'pos-2'), // 7: 0's key from another caller: new
    ];
    const asked: number[][] = [];
    const outcomes = await tx((em) =>
      keys.runAll(em, batch, async (todo) => {
        asked.push(todo);
        return createThings(em, todo.length, `batch-${run}`);
      }),
    );

    expect(asked).toEqual([[0, 1, 6, 7]]);
    expect(outcomes.map((o) => o.kind)).toEqual([
      'first',
      'first',
      'replay',
      'replay',
      'reused',
      'reused',
      'first',
      'first',
    ]);
    const answer = (i: number) => {
      const o = outcomes[i];
      if (o.kind === 'reused') throw new Error(`outcome ${i} is reused`);
      return o.answer;
    };
    expect(answer(2)).toEqual({ status: 201, body: earlierAnswer.body, resourceId: earlierAnswer.body.id });
    expect(answer(3)).toEqual(answer(0));
    expect(await things(`batch-${run}`)).toBe(2 + 4);

    // What the batch recorded answers its retries later.
    const later = await tx((em) =>
      keys.run(em, request(twice, { n: 1 }), () => createThing(em, `batch-${run}`)),
    );
    expect(later).toEqual({ status: 200, body: answer(0).body, replayed: true });
  });

  it("records the answers with the create's own rows in one statement when the create asks it to", async () => {
    const run = randomUUID();
    const [first, other] = ['first', 'other'].map((k) => `${k}-${run}`);
    const statements: string[] = [];
    const outcomes = await tx(async (em) => {
      const query = em.query.bind(em);
      const counting = Object.assign(Object.create(em) as EntityManager, {
        query: (sql: string, params?: unknown[]) => (statements.push(sql), query(sql, params)),
      });
      return keys.runAll(counting, [request(first, { n: 1 }), undefined], async (todo, record) => {
        const answers = todo.map(() => {
          const id = randomUUID();
          return { status: 201, body: { id, name: `joined-${run}` }, resourceId: id };
        });
        // The rows and the answers as one statement, as writeTogether sends them.
        await writeTogether(counting, async (w) => {
          for (const a of answers)
            await w.query(`INSERT INTO thing (id, name) VALUES ($1, $2)`, [a.body.id, a.body.name]);
          await record(w, answers);
        });
        return answers;
      });
    });
    expect(outcomes.map((o) => o.kind)).toEqual(['first', 'first']);
    // The claim, then the rows with the answer: no statement of its own for the answer.
    expect(statements).toHaveLength(2);
    expect(statements[1]).toMatch(/^WITH w1 AS \(INSERT INTO thing[\s\S]*INSERT INTO idempotent_request/);
    expect(await things(`joined-${run}`)).toBe(2);
    const firstAnswer = outcomes[0].kind === 'first' ? outcomes[0].answer : undefined;
    const retry = await tx((em) =>
      keys.run(em, request(first, { n: 1 }), () => createThing(em, `joined-${run}`)),
    );
    expect(retry).toEqual({ status: 200, body: firstAnswer?.body, replayed: true });
    expect(await things(`joined-${run}`)).toBe(2);

    // Answers recorded that are not those the create gives: refused, and the transaction with them.
    await expect(
      tx((em) =>
        keys.runAll(em, [request(other, { n: 1 })], async (_todo, record) => {
          const given = await createThings(em, 1, `joined-${run}`);
          await record(em, [{ ...given[0] }]);
          return given;
        }),
      ),
    ).rejects.toThrow('create recorded other answers than those it gave');
    expect(await things(`joined-${run}`)).toBe(2);
  });

  it("claims the keys in the caller's own first statement when it asks to (claimWith)", async () => {
    const run = randomUUID();
    const [earlier, fresh] = ['earlier', 'fresh'].map((k) => `${k}-${run}`);
    await tx((em) => keys.run(em, request(earlier, { n: 1 }), () => createThing(em, `with-${run}`)));
    const statements: string[] = [];
    const claims: (string | undefined)[] = [];
    const batch = (requests: (IdempotentRequest | undefined)[]) =>
      tx(async (em) => {
        const query = em.query.bind(em);
        const counting = Object.assign(Object.create(em) as EntityManager, {
          query: (sql: string, params?: unknown[]) => (statements.push(sql), query(sql, params)),
        });
        let before = -1; // what the caller's own read saw, sent with the claim
        const outcomes = await keys.runAll(
          counting,
          requests,
          (todo) => createThings(counting, todo.length, `with-${run}`),
          {
            claimWith: async (claim) => {
              claims.push(claim?.sql);
              const sql = claim
                ? `WITH claimed AS (${renumberParameters(claim.sql, 1)})
                   SELECT (SELECT count(*)::int FROM thing WHERE name = $1) AS n, caller, key
                   FROM (SELECT 1) one LEFT JOIN claimed ON true`
                : `SELECT count(*)::int AS n, NULL AS caller, NULL AS key FROM thing WHERE name = $1`;
              const rows = await counting.query<{ n: number; caller: string | null; key: string | null }[]>(
                sql,
                [`with-${run}`, ...(claim?.params ?? [])],
              );
              before = rows[0].n;
              return rows.flatMap((r) => (r.caller && r.key ? [{ caller: r.caller, key: r.key }] : []));
            },
          },
        );
        return { outcomes, before };
      });

    const keyed = await batch([request(fresh, { n: 1 }), request(earlier, { n: 1 }), undefined]);
    expect(keyed.outcomes.map((o) => o.kind)).toEqual(['first', 'replay', 'first']);
    expect(keyed.before).toBe(1);
    // The claim inside the caller's read, the two creates, the answer, the retry's read of the earlier
    // answer: no statement of its own for the claim.
    expect(statements).toHaveLength(5);
    expect(statements[0]).toMatch(/^WITH claimed AS \(INSERT INTO idempotent_request/);
    expect(await things(`with-${run}`)).toBe(3);
    const retry = await tx((em) =>
      keys.run(em, request(fresh, { n: 1 }), () => createThing(em, `with-${run}`)),
    );
    expect(retry.replayed).toBe(true);

    // Without keys the caller's read still goes, with no claim in it.
    statements.length = 0;
    const unkeyed = await batch([undefined]);
    expect(unkeyed.outcomes.map((o) => o.kind)).toEqual(['first']);
    expect(unkeyed.before).toBe(3);
    expect(claims[1]).toBeUndefined();
    expect(statements).toHaveLength(2);
  });

  it('never deadlocks two batches claiming overlapping keys in opposite orders', async () => {
    const run = randomUUID();
    const ks = ['a', 'b', 'c', 'd', 'e'].map((k) => `dl-${k}-${run}`);
    const batchOf = (order: string[]) =>
      tx((em) =>
        keys.runAll(
          em,
          order.map((k) => request(k, { k })),
          (todo) => createThings(em, todo.length, `dl-${run}`),
        ),
      );
    // A third transaction holds the middle key: each batch claims up to it and waits there. Were the
    // claims in the batches' own orders, each would then hold keys the other waits for.
    const claimed = deferred();
    const release = deferred();
    const holder = tx((em) =>
      keys.run(em, request(ks[2], { k: ks[2] }), async () => {
        claimed.resolve();
        await release.promise;
        return createThing(em, `dl-${run}`);
      }),
    );
    await claimed.promise;
    const forward = batchOf(ks);
    const backward = batchOf([...ks].reverse());
    await sessionsWaitingOnLocks(2);
    release.resolve();

    const [, a, b] = await Promise.all([holder, forward, backward]);
    expect(await things(`dl-${run}`)).toBe(ks.length);
    expect([...a, ...b].filter((o) => o.kind === 'first')).toHaveLength(ks.length - 1);
  });

  it('sweeps keys older than the retention, and a key then creates anew', async () => {
    const name = `sweep-${randomUUID()}`;
    const old = `old-${randomUUID()}`;
    await tx((em) => keys.run(em, request(old, { name }), () => createThing(em, name)));
    clock.advance(20 * HOUR_MS);
    const young = `young-${randomUUID()}`;
    await tx((em) => keys.run(em, request(young, { name }), () => createThing(em, name)));
    clock.advance(5 * HOUR_MS); // old: 25 h, young: 5 h; retention 24 h

    expect(await keys.sweepExpired()).toBeGreaterThanOrEqual(1);
    const left = await ds.query(`SELECT key FROM idempotent_request WHERE key = ANY($1)`, [[old, young]]);
    expect(left.map((r: { key: string }) => r.key)).toEqual([young]);

    const again = await tx((em) => keys.run(em, request(old, { name }), () => createThing(em, name)));
    expect(again.replayed).toBe(false);
    expect(await things(name)).toBe(3);
  });
});

class CreateThingDto {
  @IsString() @Length(1, 64) name!: string;
  @IsOptional() @IsInt() quantity?: number;
}

@Controller('things')
class ThingsController {
  constructor(
    private readonly tx: Transactions,
    private readonly keys: IdempotencyKeys,
  ) {}

  @Post()
  @Roles('system')
  async create(
    @Body() dto: CreateThingDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ id: string; name: string }> {
    const request = key ? { caller: actor.sub, key, body: dto } : undefined;
    const { status, body } = await this.tx.run((em) =>
      this.keys.run(em, request, () => createThing(em, dto.name)),
    );
    void reply.status(status);
    return body;
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

const thingsService: ServiceDefinition = {
  name: 'crm',
  title: 'Things',
  description: 'A service that creates with Idempotency-Key',
  version: '0.0.0',
  defaultPort: 0,
  config: BaseConfig,
  imports: [ThingsModule],
  entities: [],
  migrations: [ThingTable],
};

describe('Idempotency-Key over HTTP in a service built with the platform', () => {
  let h: ServiceHarness;
  const post = (body: unknown, headers: Record<string, string> = {}, sub = 'pos-1') =>
    h.request('POST', '/api/v1/things', { as: 'system', sub, body, headers });

  beforeAll(async () => {
    h = await startService(thingsService, { env: { IDEMPOTENCY_KEY_RETENTION_HOURS: '48' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('answers 201 first, 200 with the same body on a retry, 422 problem for another body', async () => {
    const key = `pos-1:${randomUUID()}`;
    const first = await post({ name: 'a', quantity: 2 }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const retry = await post({ quantity: 2, name: 'a' }, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(first.body);

    const other = await post({ name: 'b' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(other.json()).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { field: 'Idempotency-Key' },
    });

    const elsewhere = await post({ name: 'a', quantity: 2 }, { 'idempotency-key': key }, 'pos-2');
    expect(elsewhere.statusCode).toBe(201);
    expect(elsewhere.json().id).not.toBe(first.json().id);
  });

  it('takes the retention from IDEMPOTENCY_KEY_RETENTION_HOURS', () => {
    expect(h.get(BaseConfig).IDEMPOTENCY_KEY_RETENTION_HOURS).toBe(48);
    expect(h.get(IdempotencyKeys)).toBeInstanceOf(IdempotencyKeys);
  });
});
