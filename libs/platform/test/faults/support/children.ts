// Child processes for fault tests: relays and consumers that a test can SIGKILL by pid.
// Every child is registered here; killChildren() (afterEach) SIGKILLs whatever is still alive,
// also when the test failed half-way.
import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const REGISTER = resolve(__dirname, '../../../../testing/register.cjs');
const FIXTURES = resolve(__dirname, '../fixtures');
const ROOT = resolve(__dirname, '../../../../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ChildFixture {
  readonly lines: string[] = [];
  readonly exited: Promise<Exit>;
  private exit?: Exit;
  private readonly listeners = new Set<(line: string) => void>();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        done(this.exit);
      }),
    );
    const collect = (stream: NodeJS.ReadableStream, tag: string) =>
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(`${tag}${line}`);
        if (this.lines.length > 2000) this.lines.splice(0, 1000);
        for (const l of this.listeners) l(line);
      });
    collect(child.stdout!, '');
    collect(child.stderr!, '[stderr] ');
  }

  /**
   * Starts libs/platform/test/faults/fixtures/<fixture> under node with our TypeScript loader and waits
   * for its READY line.
   */
  static async start(
    fixture: string,
    env: Record<string, string | number | boolean>,
    readyTimeoutMs = 30_000,
  ): Promise<ChildFixture> {
    const child = spawn(process.execPath, ['-r', REGISTER, join(FIXTURES, fixture)], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
        FAULT_PARENT_PID: String(process.pid),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const f = new ChildFixture(fixture, child);
    live.add(f);
    void f.exited.then(() => live.delete(f));
    try {
      await f.waitForLine(/^READY\b/, readyTimeoutMs);
    } catch (e) {
      await f.kill();
      throw e;
    }
    return f;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** Resolves with the first line (already printed or still to come) that matches. */
  waitForLine(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const seen = this.lines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolvePromise, reject) => {
      const onLine = (line: string) => {
        if (!pattern.test(line)) return;
        cleanup();
        resolvePromise(line);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `${this.name} printed no line matching ${pattern} within ${timeoutMs} ms; output:\n${this.tail()}`,
          ),
        );
      }, timeoutMs);
      void this.exited.then((x) => {
        if (!this.listeners.has(onLine)) return;
        cleanup();
        reject(
          new Error(
            `${this.name} exited (${x.signal ?? x.code}) before printing ${pattern}; output:\n${this.tail()}`,
          ),
        );
      });
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(onLine);
      };
      this.listeners.add(onLine);
    });
  }

  /** Sends a signal by pid (SIGKILL = crash) and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
    if (this.alive) {
      try {
        process.kill(this.pid, signal);
      } catch {
        // already gone
      }
    }
    return this.exited;
  }

  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  tail(n = 40): string {
    return this.lines.slice(-n).join('\n');
  }
}

const live = new Set<ChildFixture>();

/** SIGKILLs every child fixture still alive (by pid) and waits for them to exit. */
export async function killChildren(): Promise<void> {
  await Promise.all([...live].map((c) => c.kill('SIGKILL')));
}
