// The five services as separate OS processes, the way `npm start` runs them (one Node process per
// service with the services' V8 flags, migrating on start), but on this run's own databases, NATS
// namespace and free ports, with any number of replicas per service. Tests and benches see them only
// through HTTP (with tokens as scripts/token.mjs makes them) and stop or kill a replica by its pid.
import { DEV_JWT_SECRET, mintToken, Role } from '@cx/platform';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client, Pool } from 'pg';
import { SHARED_NATS_URL, SHARED_POSTGRES_URL, uniqueName, withDatabase } from './databases';
import { deleteNamespaceStreams } from './nats';
import { freePort, isAlive, sleep } from './processes';

const ROOT = resolve(__dirname, '../../..');

export const PLATFORM_SERVICES = ['crm', 'complaints', 'aftersales', 'surveys', 'training'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

/** The V8 flags of every service process (infra/service-node-flags.json, ADR 0011), as npm start uses. */
const SERVICE_NODE_FLAGS: readonly string[] = (
  JSON.parse(readFileSync(join(ROOT, 'infra/service-node-flags.json'), 'utf8')) as { flags: string[] }
).flags;

export interface StartPlatformOptions {
  /** Replicas per service (default 1 each). */
  replicas?: Partial<Record<PlatformService, number>>;
  /** Environment of every process, on top of the run's database, namespace and port. */
  env?: Record<string, string>;
  /** Environment of one service's processes, on top of `env`. */
  serviceEnv?: Partial<Record<PlatformService, Record<string, string>>>;
  /** Node flags of every process after the services' V8 flags (a bench's --cpu-prof, a --require). */
  nodeArgs?: string[];
}

/** One running replica of a service. */
export class ServiceProcess {
  private output = '';
  readonly exited: Promise<void>;

  constructor(
    readonly service: PlatformService,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((r) => child.once('exit', () => r()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last 20,000 characters the process printed (JSON log lines at LOG_LEVEL). */
  get log(): string {
    return this.output;
  }

  /** SIGTERM (drain, as Kubernetes stops a pod) or SIGKILL (a crash), by pid; waits for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<void> {
    if (!this.alive) return;
    process.kill(this.pid, signal);
    const deadline = Date.now() + timeoutMs;
    while (this.alive && Date.now() < deadline) await sleep(25);
    if (this.alive) process.kill(this.pid, 'SIGKILL');
    await this.exited;
  }

  async ready(timeoutMs = 240_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive)
        throw new Error(`${this.service} (pid ${this.pid}) exited:\n${this.output.slice(-3000)}`);
      const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).catch(
        () => undefined,
      );
      if (res?.ok) return;
      await sleep(100);
    }
    throw new Error(`${this.service} not ready after ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
  }
}

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  text: string;
}

export interface CallOptions {
  /** A bearer token of this role (none: anonymous). */
  as?: Role;
  sub?: string;
  /** A lead's department; defaults to the service called. */
  dept?: string;
  storeId?: string;
  body?: unknown;
  /** A body sent as is (a multipart form, with its content-type in `headers`). */
  raw?: Buffer;
  headers?: Record<string, string>;
}

export class ProcessPlatform {
  private readonly procs = new Map<PlatformService, ServiceProcess[]>();
  private stopped?: Promise<void>;

  private constructor(
    /** Databases are `<prefix>_<service>`; every process carries CX_TEST_RUN=<prefix>. */
    readonly prefix: string,
    readonly namespace: string,
    private readonly opts: StartPlatformOptions,
  ) {}

  /**
   * Starts every service (first replicas together, then the extra ones, so migrations run once
   * before replicas share a database) and waits until each answers ready. On failure, stops all.
   */
  static async start(opts: StartPlatformOptions = {}): Promise<ProcessPlatform> {
    const p = new ProcessPlatform(uniqueName('cx_loop_'), uniqueName('loop'), opts);
    try {
      await Promise.all(PLATFORM_SERVICES.map((s) => p.startReplica(s)));
      const extra = PLATFORM_SERVICES.flatMap((s) =>
        Array.from({ length: Math.max(0, (opts.replicas?.[s] ?? 1) - 1) }, () => s),
      );
      await Promise.all(extra.map((s) => p.startReplica(s)));
    } catch (e) {
      await p.stop().catch(() => undefined);
      throw e;
    }
    return p;
  }

  databaseUrl(service: PlatformService): string {
    return withDatabase(SHARED_POSTGRES_URL, `${this.prefix}_${service}`);
  }

  /** The running replicas of a service, oldest first. */
  replicas(service: PlatformService): ServiceProcess[] {
    return (this.procs.get(service) ?? []).filter((p) => p.alive);
  }

  /** Starts one more replica of `service` (or the first again, after a stop) and waits until it is ready. */
  async startReplica(service: PlatformService): Promise<ServiceProcess> {
    if (this.stopped) throw new Error('the platform has stopped');
    const port = await freePort();
    const env = {
      ...process.env,
      NODE_ENV: 'development', // as npm start: migrate on start, development secrets
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: this.databaseUrl(service),
      NATS_URL: SHARED_NATS_URL,
      NATS_NAMESPACE: this.namespace,
      EVENT_STREAM_MAX_BYTES: String(64 * 1024 * 1024),
      // Few connections per process: a platform with replicas runs beside other tests on one Postgres
      // (max_connections 100 on the shared machine).
      DATABASE_POOL_SIZE: '6',
      LOG_LEVEL: 'warn',
      CX_TEST_RUN: this.prefix,
      // As npm start: survey links point at this replica's port.
      ...(service === 'surveys' && { SURVEYS_PUBLIC_URL: `http://127.0.0.1:${port}` }),
      ...this.opts.env,
      ...this.opts.serviceEnv?.[service],
    };
    // The TypeScript sources through the register hook: the same main.ts npm start runs compiled.
    const child = spawn(
      process.execPath,
      [
        ...SERVICE_NODE_FLAGS,
        ...(this.opts.nodeArgs ?? []),
        '-r',
        join(ROOT, 'libs/testing/register.cjs'),
        join(ROOT, `services/${service}/src/main.ts`),
      ],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const proc = new ServiceProcess(service, port, child);
    this.procs.set(service, [...(this.procs.get(service) ?? []), proc]);
    // A test run that dies (Ctrl-C, a crash) must not leave services holding ports and connections.
    const orphanGuard = () => proc.alive && process.kill(proc.pid, 'SIGKILL');
    process.once('exit', orphanGuard);
    void proc.exited.then(() => process.off('exit', orphanGuard));
    await proc.ready();
    return proc;
  }

  /** The base URL of a running replica of `service` (the oldest). */
  url(service: PlatformService): string {
    const p = this.replicas(service)[0];
    if (!p) throw new Error(`no replica of ${service} is running`);
    return p.url;
  }

  private readonly tokens = new Map<string, Promise<string>>();

  /** A token the services accept (the development secret, as scripts/token.mjs signs it); one per caller. */
  token(role: Role, opts: { sub?: string; dept?: string; storeId?: string } = {}): Promise<string> {
    const key = JSON.stringify([role, opts.sub, opts.dept, opts.storeId]);
    let token = this.tokens.get(key);
    if (!token) this.tokens.set(key, (token = this.mint(role, opts)));
    return token;
  }

  private mint(role: Role, opts: { sub?: string; dept?: string; storeId?: string }): Promise<string> {
    return mintToken({
      role,
      sub: opts.sub ?? `u-${role}`,
      dept: opts.dept,
      storeId: opts.storeId,
      secret: this.opts.env?.JWT_SECRET ?? DEV_JWT_SECRET,
      issuer: 'cx-platform',
    });
  }

  /**
   * One HTTP call to a replica of `service` (`replica` picks which; default: round robin over the
   * running ones, as a load balancer would).
   */
  async call<T = any>(
    service: PlatformService,
    method: string,
    path: string,
    opts: CallOptions = {},
    replica?: ServiceProcess,
  ): Promise<HttpAnswer<T>> {
    const target = replica ?? this.next(service);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as)
      headers.authorization = `Bearer ${await this.token(opts.as, {
        sub: opts.sub,
        dept: opts.dept ?? (opts.as === 'lead' ? service : undefined),
        storeId: opts.storeId,
      })}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${target.url}${path}`, {
      method,
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: body as T, text };
  }

  /** Like call, but throws (with the answer) unless the status is 2xx; answers the body. */
  async ok<T = any>(
    service: PlatformService,
    method: string,
    path: string,
    opts: CallOptions = {},
  ): Promise<T> {
    const res = await this.call<T>(service, method, path, opts);
    if (res.status < 200 || res.status >= 300)
      throw new Error(`${service} ${method} ${path}: ${res.status} ${res.text.slice(0, 2000)}`);
    return res.body;
  }

  private turn = 0;
  private next(service: PlatformService): ServiceProcess {
    const live = this.replicas(service);
    if (!live.length) throw new Error(`no replica of ${service} is running`);
    return live[this.turn++ % live.length];
  }

  /**
   * Reads a service's own database, for what no API shows (a copy erased in a projection, creation
   * times for a bench). Flows are driven through HTTP only.
   */
  async sql<T = Record<string, any>>(
    service: PlatformService,
    query: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    let pool = this.pools.get(service);
    if (!pool)
      this.pools.set(service, (pool = new Pool({ connectionString: this.databaseUrl(service), max: 2 })));
    return (await pool.query(query, params)).rows as T[];
  }

  private readonly pools = new Map<PlatformService, Pool>();

  /** What the processes of a service printed, for a failing test's message. */
  logs(service?: PlatformService): string {
    return [...this.procs.entries()]
      .filter(([s]) => !service || s === service)
      .flatMap(([s, ps]) => ps.map((p) => `--- ${s} pid ${p.pid} ---\n${p.log.slice(-3000)}`))
      .join('\n');
  }

  /** Stops every process by pid (SIGTERM, then SIGKILL), drops the databases, removes the streams. */
  stop(): Promise<void> {
    this.stopped ??= this.tearDown();
    return this.stopped;
  }

  private async tearDown(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    await Promise.all([...this.procs.values()].flat().map((p) => p.stop('SIGTERM', 15_000)));
    for (const p of [...this.procs.values()].flat()) if (isAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
    const c = new Client({ connectionString: SHARED_POSTGRES_URL });
    await c.connect();
    try {
      for (const s of PLATFORM_SERVICES)
        await c.query(`DROP DATABASE IF EXISTS "${this.prefix}_${s}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
    await deleteNamespaceStreams(SHARED_NATS_URL, this.namespace);
  }
}
