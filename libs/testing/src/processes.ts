import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on loopback (bind to 0, read, release). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = new Socket();
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => (s.destroy(), resolve(false)));
      s.connect(port, '127.0.0.1');
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(50);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`,
  );
}

/** True while a process with this id exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitExit(pid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(25);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(25);
  }
}

/** A private nats-server with JetStream on a free port, for tests that break the server. */
export class NatsServerProcess {
  private child?: ChildProcess;
  readonly storeDir = mkdtempSync(join(tmpdir(), 'cx-nats-'));
  private constructor(readonly port: number) {}

  static async start(): Promise<NatsServerProcess> {
    const p = new NatsServerProcess(await freePort());
    await p.startProcess();
    return p;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  private async startProcess(): Promise<void> {
    this.child = spawn(
      'nats-server',
      ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir],
      {
        stdio: 'ignore',
      },
    );
    await waitForPort(this.port);
  }

  /** Stops the server by its process id (SIGKILL for a crash, SIGTERM for an orderly stop). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const pid = this.child?.pid;
    this.child = undefined;
    if (pid && isAlive(pid)) {
      process.kill(pid, signal);
      await waitExit(pid);
    }
  }

  async restart(downMs = 0): Promise<void> {
    await this.stop('SIGKILL');
    if (downMs) await sleep(downMs);
    await this.startProcess();
  }

  async destroy(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.storeDir, { recursive: true, force: true });
  }
}

/** A private Postgres cluster (initdb + pg_ctl) on a free port, for tests that break the database. */
export class PostgresProcess {
  readonly dataDir: string;
  private constructor(readonly port: number) {
    this.dataDir = mkdtempSync(join(tmpdir(), 'cx-pg-'));
  }

  static async start(): Promise<PostgresProcess> {
    const p = new PostgresProcess(await freePort());
    chmodSync(p.dataDir, 0o777);
    p.run('initdb', [
      '-D',
      join(p.dataDir, 'data'),
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    await p.startServer();
    return p;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  urlFor(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  get pid(): number | undefined {
    const file = join(this.dataDir, 'data', 'postmaster.pid');
    if (!existsSync(file)) return undefined;
    return Number(readFileSync(file, 'utf8').split('\n')[0]);
  }

  private run(bin: string, args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
    execFileSync(cmd, argv, { stdio: 'ignore' });
  }

  private async startServer(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    this.run('pg_ctl', [
      '-D',
      join(this.dataDir, 'data'),
      '-o',
      opts,
      '-l',
      join(this.dataDir, 'log'),
      '-w',
      'start',
    ]);
    await waitForPort(this.port);
  }

  /** Kills the postmaster by its process id (SIGKILL = crash; SIGTERM = smart shutdown). */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
    const pid = this.pid;
    if (pid && isAlive(pid)) {
      process.kill(pid, signal);
      await waitExit(pid, 20_000);
    }
  }

  async restart(downMs = 0): Promise<void> {
    await this.stop('SIGKILL');
    // A killed postmaster leaves children for a moment; the new one waits until they are gone.
    if (downMs) await sleep(downMs);
    await this.startServer();
  }

  async destroy(): Promise<void> {
    await this.stop('SIGINT');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
