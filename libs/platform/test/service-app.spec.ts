import { sampleEnvelopeFor, Subjects } from '@cx/contracts';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { mintToken, Role } from '../src/auth';
import { dataSourceOptions } from '../src/database';
import { RpcError } from '../src/http';
import { NatsClient, RpcClient } from '../src/messaging';
import { initTracing, TracingHandle } from '../src/observability';
import { KNOWN_TIERS, testService } from './support/test-service';

type Inject = (opts: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
}) => Promise<{ statusCode: number; headers: Record<string, unknown>; json(): any; body: string }>;

describe('a service built with the platform bootstrap (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let inject: Inject;
  let exporter: InMemorySpanExporter;
  let tracing: TracingHandle;
  const auth = async (role: Role, dept?: string) => ({
    authorization: `Bearer ${await h.token(role, undefined, dept)}`,
  });
  const sql = <T>(q: string, params: unknown[] = []) => h.sql<T>(q, params);

  beforeAll(async () => {
    exporter = new InMemorySpanExporter();
    tracing = initTracing({ serviceName: 'crm', exporter, processor: 'simple' });
    h = await startService(testService, { env: { CONSUMER_MAX_DELIVERIES: '2' } });
    const fastify = h.svc.app.getHttpAdapter().getInstance();
    inject = fastify.inject.bind(fastify);
  });

  afterAll(async () => {
    await h?.stop();
    await tracing?.shutdown();
  });

  it('carries one trace from the HTTP request through the outbox and NATS into the consumer handler', async () => {
    const traceId = randomUUID().replace(/-/g, '');
    const orderId = `SO-${randomUUID()}`;
    const res = await inject({
      method: 'POST',
      url: '/api/v1/sales',
      headers: { ...(await auth('system')), traceparent: `00-${traceId}-${'1'.repeat(16)}-01` },
      payload: { orderId, customerId: randomUUID(), lines: [{ sku: 'JKT-1', quantity: 1 }] },
    });
    expect(res.statusCode).toBe(201);
    await waitFor(
      async () => (await sql(`SELECT 1 FROM seen WHERE order_id = $1`, [orderId])).length === 1,
      10_000,
      'handler applied',
    );
    const spans = await waitFor(
      () => {
        const all = exporter.getFinishedSpans();
        return all.some((s) => s.name === 'apply purchase') ? all : undefined;
      },
      5_000,
      'handler span exported',
    );
    const http = spans.find((s) => s.name.startsWith('POST '));
    const consumer = spans.find((s) => s.name === `${Subjects.crm.purchaseRecorded} process`);
    const handler = spans.find((s) => s.name === 'apply purchase');
    expect(http?.spanContext().traceId).toBe(traceId);
    expect(consumer?.spanContext().traceId).toBe(traceId);
    expect(handler?.spanContext().traceId).toBe(traceId);
    expect(handler?.parentSpanContext?.spanId).toBe(consumer?.spanContext().spanId);
  });

  it("asks Postgres to flush its sessions' written pages early (DATABASE_FLUSH_AFTER_KB), or leaves the server's setting", async () => {
    const show = async (ds: DataSource) =>
      (await ds.query<{ backend_flush_after: string }[]>(`SHOW backend_flush_after`))[0].backend_flush_after;
    expect(await show(h.get(DataSource))).toBe('256kB');
    // A plain session (the test's own client) has the server's setting; so has the pool with 0.
    const [server] = await sql<{ backend_flush_after: string }>(`SHOW backend_flush_after`);
    const plain = await new DataSource(dataSourceOptions({ url: h.dbUrl, flushAfterKb: 0 })).initialize();
    try {
      expect(await show(plain)).toBe(server.backend_flush_after);
    } finally {
      await plain.destroy();
    }
  });

  it('answers bad requests with problem+json naming the field, and checks token and role', async () => {
    const bad = await inject({
      method: 'POST',
      url: '/api/v1/sales',
      headers: await auth('system'),
      payload: { customerId: 'c', lines: [{ sku: '', quantity: 0 }], extra: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = (bad.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['extra', 'lines.0.quantity', 'lines.0.sku', 'orderId']);
    expect(bad.body).not.toMatch(/at .*\.ts/);

    const none = await inject({ method: 'POST', url: '/api/v1/sales', payload: {} });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);

    const forged = mintToken({ role: 'system', secret: 'x'.repeat(40), issuer: 'cx-platform' });
    const wrongKey = await inject({
      method: 'POST',
      url: '/api/v1/sales',
      headers: { authorization: `Bearer ${await forged}` },
      payload: {},
    });
    expect(wrongKey.statusCode).toBe(401);

    const agent = await inject({
      method: 'POST',
      url: '/api/v1/sales',
      headers: await auth('agent'),
      payload: {},
    });
    expect(agent.statusCode).toBe(403);
    expect(agent.json().title).toBeDefined();

    for (const url of ['/health/live', '/health/ready', '/metrics', '/docs/json'])
      expect((await inject({ method: 'GET', url })).statusCode).toBe(200);
  });

  it('answers requests over NATS with typed errors, and fails fast when nobody serves a subject', async () => {
    const nats = h.get(NatsClient);
    const rpc = new RpcClient(nats);
    const known = randomUUID();
    KNOWN_TIERS[known] = 'gold';
    await expect(rpc.request(Subjects.crm.getCustomerTier, { customerId: known })).resolves.toEqual({
      customerId: known,
      tier: 'gold',
    });

    const unknown = rpc.request(Subjects.crm.getCustomerTier, { customerId: randomUUID() });
    await expect(unknown).rejects.toBeInstanceOf(RpcError);
    await expect(unknown).rejects.toMatchObject({ code: 'REMOTE', remoteCode: 'CUSTOMER_NOT_FOUND' });

    await expect(rpc.request(Subjects.crm.getCustomerTier, { customerId: 42 })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });

    const started = Date.now();
    await expect(
      rpc.request(Subjects.aftersales.checkWarranty, { sku: 'PH-1' }, { timeoutMs: 5_000 }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('lists dead letters to the lead of this service and replays one', async () => {
    const nats = h.get(NatsClient);
    const env = sampleEnvelopeFor(Subjects.crm.purchaseRecorded, { data: { orderId: 'replay-me' } });
    const broken = { ...env, data: { ...env.data, paidAmountMinor: 'lots' } };
    await nats.js.publish(nats.naming.subject(Subjects.crm.purchaseRecorded), JSON.stringify(broken), {
      msgID: randomUUID(),
    });
    await waitFor(async () => (await sql(`SELECT 1 FROM dead_letter`)).length === 1, 10_000, 'dead letter');

    expect(
      (
        await inject({
          method: 'GET',
          url: '/api/v1/admin/dead-letters',
          headers: await auth('lead', 'complaints'),
        })
      ).statusCode,
    ).toBe(403);
    const list = await inject({
      method: 'GET',
      url: '/api/v1/admin/dead-letters',
      headers: await auth('lead', 'crm'),
    });
    expect(list.statusCode).toBe(200);
    const [letter] = list.json().items as { id: string; reason: string; consumer: string }[];
    expect(letter).toMatchObject({ reason: 'contract', consumer: 'crm__crm' });

    // Still invalid: replay fails with 422 and the letter stays pending.
    const failed = await inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/${letter.id}/replay`,
      headers: await auth('admin'),
    });
    expect(failed.statusCode).toBe(422);

    // The cause is fixed (here: the stored message is corrected by an operator), then replay applies it once.
    await sql(`UPDATE dead_letter SET payload = $1 WHERE id = $2`, [JSON.stringify(env), letter.id]);
    const ok = await inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/${letter.id}/replay`,
      headers: await auth('admin'),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().replayedAt).toBeTruthy();
    expect(await sql(`SELECT 1 FROM seen WHERE order_id = 'replay-me'`)).toHaveLength(1);
    const again = await inject({
      method: 'POST',
      url: `/api/v1/admin/dead-letters/${letter.id}/replay`,
      headers: await auth('admin'),
    });
    expect(again.statusCode).toBe(409);

    const metrics = (await inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/dead_letters_total\{[^}]*reason="contract"[^}]*\} 1/);
    expect(metrics).toMatch(/consumer_messages_total\{[^}]*outcome="applied"/);
    expect(metrics).toMatch(/outbox_published_total\{[^}]*\} [1-9]/);
  });
});
