// The servers under test run in child processes of the bench, one at a time, as they would in
// production (one Node process per service); the load generator runs in the bench process itself.
// This file holds both ends of their small IPC protocol: ready / failed / stop. Shared by the
// complaints intake and crm benches.
import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { nextMessage } from './child-ipc';
import { sleep } from './stats';

const ROOT = resolve(__dirname, '../..');
const CONFIG_ENV = 'BENCH_SERVER';

/** What the bench hands a server process (as JSON in BENCH_SERVER). */
export interface ServerConfig {
  port: number;
  databaseUrl: string;
  natsUrl: string;
  namespace: string;
  poolSize: number;
  /** Which variant of the server to start, when its entry has several (e.g. a floor of the same service). */
  variant?: string;
}

/**
 * The environment a real service starts with in a bench's child process, the way runService() would read
 * it: the bench's throwaway database and NATS namespace, the dev JWT secret and PII keys (migrations run
 * at start), silent logs; the service's defaults for everything else.
 */
export function serviceEnv(config: ServerConfig, eventStreamMaxBytes: number): Record<string, string> {
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(config.port),
    DATABASE_URL: config.databaseUrl,
    DATABASE_POOL_SIZE: String(config.poolSize),
    NATS_URL: config.natsUrl,
    NATS_NAMESPACE: config.namespace,
    LOG_LEVEL: 'silent',
    EVENT_STREAM_MAX_BYTES: String(eventStreamMaxBytes),
  };
}

type FromServer = { type: 'ready' } | { type: 'failed'; message: string };
type ToServer = { type: 'stop' };

/** Parent side: starts `entry` with the TypeScript register hook and waits until it listens. */
export class ServerProcess {
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(
    name: string,
    entry: string,
    config: ServerConfig,
    nodeArgs: string[] = [],
    timeoutMs = 90_000,
  ): Promise<ServerProcess> {
    // <bench>_SERVER_NODE_ARGS (the caller's `nodeArgs`): extra node flags for the server, e.g.
    // "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const child = spawn(
      process.execPath,
      [...nodeArgs, '-r', join(ROOT, 'libs/testing/register.cjs'), join(ROOT, entry)],
      {
        cwd: ROOT,
        env: { ...process.env, [CONFIG_ENV]: JSON.stringify(config) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const p = new ServerProcess(name, child);
    try {
      await nextMessage<FromServer, 'ready'>(child, 'ready', timeoutMs, name);
    } catch (e) {
      child.kill('SIGKILL');
      throw e;
    }
    return p;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Asks for an orderly stop (connections drained and closed); kills it after 20 s. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ToServer);
    await Promise.race([exited, sleep(20_000)]);
    if (this.alive && this.child.pid) {
      process.kill(this.child.pid, 'SIGKILL');
      await exited;
    }
  }
}

/** Child side: starts the server, reports ready, stops it when asked (or when the bench goes away). */
export function serve(start: (config: ServerConfig) => Promise<{ stop(): Promise<void> }>): void {
  const config = JSON.parse(process.env[CONFIG_ENV] ?? 'null') as ServerConfig | null;
  if (!config || !process.send) {
    console.error('run by a bench (bench/*.bench.ts), not directly');
    process.exit(2);
  }
  const send = (m: FromServer) => process.send?.(m);
  start(config).then(
    (server) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        server.stop().then(
          () => process.exit(0),
          (e: Error) => {
            console.error(`stop failed: ${e.message}`);
            process.exit(1);
          },
        );
      };
      process.on('message', (m: ToServer) => {
        if (m.type === 'stop') stop();
      });
      process.on('disconnect', stop); // the bench died: do not linger holding the port and connections
      send({ type: 'ready' });
    },
    (e: Error) => {
      send({ type: 'failed', message: e.stack ?? e.message });
      process.exit(1);
    },
  );
}
