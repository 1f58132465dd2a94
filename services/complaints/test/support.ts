// Starts the complaints service for a test: its own database, NATS namespace and manual clock.
import { EventSubject, PayloadOf, sampleEnvelopeFor } from '@cx/contracts';
import {
  createServiceApp,
  DEV_JWT_SECRET,
  ManualClock,
  mintToken,
  NatsClient,
  Role,
  ServiceApp,
} from '@cx/platform';
import { createTestDatabase, SHARED_NATS_URL, uniqueNamespace, waitFor } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { PolicyCache } from '../src/policy/policy.cache';
import { complaintsService } from '../src/service';

export interface Response {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  json<T = any>(): T;
}

export class ComplaintsHarness {
  private constructor(
    readonly svc: ServiceApp,
    readonly clock: ManualClock,
    readonly dbUrl: string,
    private readonly dropDb: () => Promise<void>,
    readonly namespace: string,
  ) {}

  static async start(
    opts: { clock?: ManualClock; env?: Record<string, string> } = {},
  ): Promise<ComplaintsHarness> {
    const db = await createTestDatabase();
    const namespace = uniqueNamespace();
    const clock = opts.clock ?? new ManualClock(new Date());
    const svc = await createServiceApp(complaintsService, {
      tracing: false,
      clock,
      env: {
        DATABASE_URL: db.url,
        NATS_URL: SHARED_NATS_URL,
        NATS_NAMESPACE: namespace,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        NODE_ENV: 'test',
        EVENT_STREAM_MAX_BYTES: String(64 * 1024 * 1024),
        CONSUMER_RETRY_BASE_MS: '50',
        SLA_SWEEP_INTERVAL_MS: '3600000',
        ...opts.env,
      },
    });
    await svc.start(false);
    return new ComplaintsHarness(svc, clock, db.url, db.drop, namespace);
  }

  async stop(): Promise<void> {
    const nats = this.svc.app.get(NatsClient);
    const prefix = nats.naming.stream('crm').replace(/EVT_CRM$/, '');
    const names: string[] = [];
    for await (const n of nats.jsm.streams.names()) if (n.startsWith(prefix)) names.push(n);
    for (const n of names) await nats.jsm.streams.delete(n);
    await this.svc.stop();
    await this.dropDb();
  }

  async token(role: Role, sub = `u-${role}`, dept?: string): Promise<string> {
    return mintToken({ role, sub, dept, secret: DEV_JWT_SECRET, issuer: 'cx-platform' });
  }

  async request(
    method: string,
    url: string,
    opts: { as?: Role; sub?: string; dept?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const fastify = this.svc.app.getHttpAdapter().getInstance();
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as)
      headers.authorization = `Bearer ${await this.token(opts.as, opts.sub, opts.dept ?? (opts.as === 'lead' ? 'complaints' : undefined))}`;
    return await fastify.inject({ method: method as 'GET', url, headers, payload: opts.body as object });
  }

  async sql<T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: this.dbUrl });
    await c.connect();
    try {
      return (await c.query(q, params)).rows as T[];
    } finally {
      await c.end();
    }
  }

  /**
   * Changes policy rows behind the service's back (as psql or another replica would) and waits until
   * the service has been notified, so its next read sees the change.
   */
  async changePolicyRows(q: string, params: unknown[] = []): Promise<void> {
    const cache = this.svc.app.get(PolicyCache);
    const before = cache.generation;
    await this.sql(q, params);
    await waitFor(() => Promise.resolve(cache.generation > before), 5_000, 'policy change notification');
  }

  /** Publishes an event as another service would (on the source's stream in this test's namespace). */
  async publish<S extends EventSubject>(subject: S, data: Partial<PayloadOf<S>>): Promise<string> {
    const nats = this.svc.app.get(NatsClient);
    const source = subject.split('.')[1] as Parameters<NatsClient['ensureStream']>[0];
    await nats.ensureStream(source);
    const env = sampleEnvelopeFor(subject, { data });
    await nats.js.publish(nats.naming.subject(subject), JSON.stringify(env), { msgID: env.id });
    return env.id;
  }

  async publishRaw(subject: string, body: string): Promise<void> {
    const nats = this.svc.app.get(NatsClient);
    await nats.ensureStream(subject.split('.')[1] as Parameters<NatsClient['ensureStream']>[0]);
    await nats.js.publish(nats.naming.subject(subject), body, { msgID: randomUUID() });
  }

  /** Events this service wrote to its outbox, parsed. */
  async outbox(subject?: string): Promise<{ type: string; data: any }[]> {
    const rows = await this.sql<{ payload: string }>(
      `SELECT payload FROM outbox ${subject ? 'WHERE subject = $1' : ''} ORDER BY seq`,
      subject ? [subject] : [],
    );
    return rows.map((r) => JSON.parse(r.payload));
  }
}

export const validComplaint = (over: Record<string, unknown> = {}) => ({
  channel: 'hotline',
  category: 'product-quality',
  urgency: 'medium',
  importance: 'medium',
  complainant: { name: 'Li Mei', phone: '+86 138 0013 8000', email: 'li.mei@example.com' },
  storeId: 'SH-001',
  orderId: 'SO-2026-000451',
  productSku: 'JKT-DOWN-BLK-M',
  description: 'The zip of the down jacket broke on the second day.',
  ...over,
});
