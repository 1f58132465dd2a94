// Any service started for a test, in one line: its own database, NATS namespace and manual clock,
// requests through Fastify's inject with real tokens, and a stop() that leaves nothing behind. Several
// services that must hear each other share one namespace instead (startServices, service-group.ts).
import { EventSubject, isServiceName, PayloadOf } from '@cx/contracts';
import {
  createServiceApp,
  DEV_JWT_SECRET,
  ManualClock,
  mintToken,
  NatsClient,
  Role,
  ServiceApp,
  ServiceDefinition,
} from '@cx/platform';
import { Abstract, Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DeepPartial, eventEnvelope } from './builders/events';
import { createTestDatabase, SHARED_NATS_URL, uniqueNamespace } from './databases';
import { deleteNamespaceStreams } from './nats';
import { waitFor } from './processes';

export interface StartServiceOptions {
  /** The service's clock (default: a ManualClock at the current time). */
  clock?: ManualClock;
  /** Environment on top of the harness's (database, namespace, silent logs, fast retries). */
  env?: Record<string, string>;
  /**
   * A namespace other services of the test share (default: a fresh one of its own). Its streams are
   * then the caller's to remove, once every service on it has stopped (startServices does both).
   */
  namespace?: string;
}

export interface RequestOptions {
  /** Sends a bearer token of this role (none: an anonymous call). */
  as?: Role;
  sub?: string;
  /** The token's dept claim; a lead's defaults to the service under test. */
  dept?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What Fastify's inject answers. */
export interface InjectedResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
  /** The body's bytes (a served file). */
  rawPayload: Buffer;
  json<T = any>(): T;
}

/** The started parts a harness is made of; a service's own harness class takes them over. */
export interface StartedService {
  def: ServiceDefinition;
  svc: ServiceApp;
  clock: ManualClock;
  dbUrl: string;
  namespace: string;
  /** The environment the app was started with (database, namespace and the caller's `env`). */
  env: Record<string, string>;
  /**
   * Stops the app, removes the namespace's streams (unless the namespace was given), drops the database
   * (each tried, errors collected).
   */
  tearDown: () => Promise<void>;
}

/** Starts `def` for a test; stop() it in afterAll. */
export async function startService(
  def: ServiceDefinition,
  opts: StartServiceOptions = {},
): Promise<ServiceHarness> {
  return new ServiceHarness(await launchService(def, opts));
}

/** Starts `def` and hands back its parts; if any step fails, what was created is removed again. */
export async function launchService(
  def: ServiceDefinition,
  opts: StartServiceOptions = {},
): Promise<StartedService> {
  const db = await createTestDatabase();
  const ownsNamespace = !opts.namespace;
  const namespace = opts.namespace || uniqueNamespace();
  const natsUrl = opts.env?.NATS_URL ?? SHARED_NATS_URL;
  const clock = opts.clock ?? new ManualClock(new Date());
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    NATS_URL: natsUrl,
    NATS_NAMESPACE: namespace,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    // Streams of a test stay small; failed deliveries are retried at once.
    EVENT_STREAM_MAX_BYTES: String(64 * 1024 * 1024),
    CONSUMER_RETRY_BASE_MS: '50',
    ...opts.env,
  };
  let svc: ServiceApp | undefined;
  const tearDown = async (): Promise<void> => {
    const errors: Error[] = [];
    const attempt = async (what: string, step: () => Promise<void>) => {
      try {
        await step();
      } catch (e) {
        errors.push(new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e }));
      }
    };
    const app = svc;
    if (app) await attempt('stopping the app', () => app.stop());
    // After the app, so a relay or consumer cannot create a stream again. A shared namespace's streams
    // still serve the other services on it.
    if (ownsNamespace)
      await attempt('removing the streams', () => deleteNamespaceStreams(natsUrl, namespace));
    await attempt('dropping the database', () => db.drop());
    if (errors.length)
      throw new AggregateError(errors, `${def.name} harness: ${errors.map((e) => e.message).join('; ')}`);
  };
  try {
    svc = await createServiceApp(def, { tracing: false, clock, env });
    await svc.start(false);
  } catch (e) {
    await tearDown().catch(() => undefined); // the start failure is the error worth seeing
    throw e;
  }
  return { def, svc, clock, dbUrl: db.url, namespace, env, tearDown };
}

/** A started service: HTTP through inject, tokens, SQL on its database, events on its namespace. */
export class ServiceHarness {
  readonly def: ServiceDefinition;
  readonly svc: ServiceApp;
  readonly clock: ManualClock;
  readonly dbUrl: string;
  readonly namespace: string;
  private readonly env: Record<string, string>;
  private readonly tearDown: () => Promise<void>;
  private readonly replicas: ServiceApp[] = [];
  private stopped?: Promise<void>;

  constructor(started: StartedService) {
    ({
      def: this.def,
      svc: this.svc,
      clock: this.clock,
      dbUrl: this.dbUrl,
      namespace: this.namespace,
      env: this.env,
    } = started);
    this.tearDown = started.tearDown;
  }

  /** A provider of the running app (a service, repository, the NatsClient ...). */
  get<T>(token: Type<T> | Abstract<T> | string | symbol): T {
    return this.svc.app.get<T>(token);
  }

  /**
   * Another instance of the service on the same database, namespace, clock and environment (`env` on
   * top), started: a second replica, for work that replicas must share. It runs no outbox relay, so
   * what reaches NATS is still relayed once. Stop it when the test is done with it; stop() stops it at
   * the latest, before the harness's own app.
   */
  async replica(env: Record<string, string> = {}): Promise<ServiceApp> {
    if (this.stopped) throw new Error(`${this.def.name} harness has stopped`);
    const app = await createServiceApp(this.def, {
      tracing: false,
      clock: this.clock,
      relay: false,
      env: { ...this.env, ...env },
    });
    this.replicas.push(app);
    await app.start(false);
    return app;
  }

  /**
   * Stops the replicas and the app, removes every stream of the namespace (unless it was given:
   * shared), drops the database; safe to call twice.
   */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const failed = (await Promise.allSettled(this.replicas.map((r) => r.stop()))).flatMap((r) =>
        r.status === 'rejected' ? [r.reason as unknown] : [],
      );
      await this.tearDown().catch((e: unknown) => failed.push(e));
      if (failed.length === 1) throw failed[0];
      if (failed.length) throw new AggregateError(failed, `${this.def.name} harness: stopping failed`);
    })();
    return this.stopped;
  }

  /** A token the service accepts; a lead's dept defaults to the service under test. */
  token(role: Role, sub = `u-${role}`, dept?: string): Promise<string> {
    const config = this.svc.config;
    return mintToken({
      role,
      sub,
      dept: dept ?? (role === 'lead' ? this.def.name : undefined),
      secret: config.JWT_SECRET ?? DEV_JWT_SECRET,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    });
  }

  async request(method: string, url: string, opts: RequestOptions = {}): Promise<InjectedResponse> {
    const fastify = this.svc.app.getHttpAdapter().getInstance();
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as) headers.authorization = `Bearer ${await this.token(opts.as, opts.sub, opts.dept)}`;
    return await fastify.inject({ method: method as 'GET', url, headers, payload: opts.body as object });
  }

  /** The value of an unlabelled-by-the-test gauge or counter on this process's `/metrics` (its first series). */
  async metric(name: string): Promise<number> {
    const body = (await this.request('GET', '/metrics')).body;
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(body);
    if (!m) throw new Error(`${name} is not in /metrics`);
    return Number(m[1]);
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

  /** Postgres's plan of a statement (EXPLAIN), one line per row: for tests that a query reads an index. */
  async plan(q: string, params: unknown[] = []): Promise<string> {
    return (await this.sql<{ 'QUERY PLAN': string }>(`EXPLAIN ${q}`, params))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
  }

  /**
   * Publishes an event as its producer would, on the producer's stream in this test's namespace: the
   * contract's sample with `data` merged in (eventEnvelope). Returns the envelope id.
   */
  async publish<S extends EventSubject>(subject: S, data?: DeepPartial<PayloadOf<S>>): Promise<string> {
    const env = eventEnvelope(subject, data);
    await this.publishOnStream(subject, JSON.stringify(env), env.id);
    return env.id;
  }

  /**
   * Waits until this service has handled every one of these envelope ids (each has its inbox row). The
   * consumer applies messages of different aggregates in different lanes, and each source stream has its
   * own consumer, so the last message handled says nothing about the others: wait for all of them.
   */
  async handled(ids: readonly string[], timeoutMs = 15_000): Promise<void> {
    const distinct = [...new Set(ids)];
    await waitFor(
      async () =>
        (
          await this.sql(`SELECT DISTINCT message_id FROM inbox WHERE message_id = ANY($1::uuid[])`, [
            distinct,
          ])
        ).length === distinct.length,
      timeoutMs,
      `${distinct.length} message(s) handled`,
    );
  }

  /** Publishes any body (a broken message, an unknown version) on the producer's stream. */
  async publishRaw(subject: string, body: string): Promise<void> {
    await this.publishOnStream(subject, body, randomUUID());
  }

  /** Events this service wrote to its outbox, oldest first, parsed. */
  async outbox(subject?: string): Promise<{ type: string; data: any }[]> {
    const rows = await this.sql<{ payload: string }>(
      `SELECT payload FROM outbox ${subject ? 'WHERE subject = $1' : ''} ORDER BY seq`,
      subject ? [subject] : [],
    );
    return rows.map((r) => JSON.parse(r.payload));
  }

  private async publishOnStream(subject: string, body: string, msgID: string): Promise<void> {
    // The producer is the second token, also of a subject that breaks the naming rule on purpose.
    const source = subject.split('.')[1] ?? '';
    if (!isServiceName(source)) throw new Error(`"${subject}" names no service of ours`);
    const nats = this.get(NatsClient);
    await nats.ensureStream(source);
    await nats.js.publish(nats.naming.subject(subject), body, { msgID });
  }
}
