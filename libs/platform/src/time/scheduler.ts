import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

export interface ExclusiveRun<T> {
  /** False when another process (or another caller here) held the lock: the work did not run. */
  ran: boolean;
  result?: T;
}

/**
 * Runs `work` only if no other replica is running work under the same lock name right now.
 *
 * The lock is `pg_try_advisory_xact_lock(hashtext(lockName))`, taken in a transaction that `work` runs in
 * (it gets that transaction's EntityManager, so its writes commit or roll back together) and released
 * when the transaction ends, also if the process dies. It never waits: the loser gets `{ ran: false }`
 * and tries again on its next tick. The transaction stays open while `work` runs, so keep the work
 * bounded (a batch, not "everything").
 *
 * Use it for work that must not run twice at once but does not claim rows (a monthly scorecard, a
 * campaign that computes its audience). Where work is a set of due rows (SLA breaches, survey sends),
 * claim the rows instead with `FOR UPDATE SKIP LOCKED`: replicas then share the rows rather than take turns.
 */
export async function runExclusive<T>(
  dataSource: DataSource,
  lockName: string,
  work: (em: EntityManager) => Promise<T>,
): Promise<ExclusiveRun<T>> {
  return dataSource.transaction(async (em) => {
    const rows: { locked: boolean }[] = await em.query(
      'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
      [lockName],
    );
    if (!rows[0]?.locked) return { ran: false };
    return { ran: true, result: await work(em) };
  });
}

export type ScheduledWork = (signal: AbortSignal) => Promise<unknown>;

export interface JobOptions {
  /** Delay before the first run; defaults to the interval. 0 runs at start. */
  initialDelayMs?: number;
  /** Adds up to this fraction of the interval at random to each delay, so replicas do not tick in step (default 0.1). */
  jitter?: number;
}

interface Job {
  name: string;
  intervalMs: number;
  work: ScheduledWork;
  options: JobOptions;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
}

export interface SchedulerOptions {
  /** Nest-style logger; defaults to `new Logger('Scheduler')`, i.e. the app's logger. */
  logger?: Pick<Logger, 'error' | 'debug'>;
}

/**
 * Periodic jobs in this process: each job runs, then waits its interval (a setTimeout chain, unref'd so
 * it never keeps the process alive), so a slow run never overlaps itself. A failing run is logged and
 * the job carries on. Every replica runs its own Scheduler: make the work itself replica-safe with
 * `runExclusive` or `FOR UPDATE SKIP LOCKED` claims.
 *
 * ```ts
 * scheduler.every('sla-breach-sweep', 30_000, () => runExclusive(ds, 'complaints.sla-sweep', (em) => sweep(em)));
 * scheduler.start();            // onApplicationBootstrap
 * await scheduler.stop();       // beforeApplicationShutdown: waits for running ticks
 * ```
 */
export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private readonly logger: Pick<Logger, 'error' | 'debug'>;
  private started = false;
  private abort = new AbortController();

  constructor(options: SchedulerOptions = {}) {
    this.logger = options.logger ?? new Logger('Scheduler');
  }

  every(name: string, intervalMs: number, work: ScheduledWork, options: JobOptions = {}): this {
    if (this.jobs.has(name)) throw new Error(`Scheduled job "${name}" already exists`);
    if (!Number.isFinite(intervalMs) || intervalMs <= 0)
      throw new Error(`Interval of job "${name}" must be a positive number of ms`);
    const job: Job = { name, intervalMs, work, options };
    this.jobs.set(name, job);
    if (this.started) this.schedule(job, options.initialDelayMs ?? intervalMs);
    return this;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.abort = new AbortController();
    for (const job of this.jobs.values()) this.schedule(job, job.options.initialDelayMs ?? job.intervalMs);
  }

  /** Stops scheduling, signals running work to wrap up (AbortSignal), and waits for it to finish. */
  async stop(): Promise<void> {
    this.started = false;
    this.abort.abort();
    const running: Promise<void>[] = [];
    for (const job of this.jobs.values()) {
      if (job.timer) clearTimeout(job.timer);
      job.timer = undefined;
      if (job.running) running.push(job.running);
    }
    await Promise.all(running);
  }

  get isRunning(): boolean {
    return this.started;
  }

  /** Runs one tick of a job now (tests, admin "run now"); waits for a tick already running instead of overlapping. */
  async runNow(name: string): Promise<void> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`No scheduled job "${name}"`);
    if (job.running) return job.running;
    return this.tick(job);
  }

  private schedule(job: Job, baseDelayMs: number): void {
    const jitter = job.options.jitter ?? 0.1;
    const delay = baseDelayMs + (baseDelayMs > 0 ? Math.random() * jitter * job.intervalMs : 0);
    job.timer = setTimeout(() => {
      job.timer = undefined;
      void this.tick(job).then(() => {
        if (this.started && this.jobs.get(job.name) === job) this.schedule(job, job.intervalMs);
      });
    }, delay);
    job.timer.unref();
  }

  private tick(job: Job): Promise<void> {
    const signal = this.abort.signal;
    const run = (async () => {
      try {
        await job.work(signal);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        this.logger.error(`Scheduled job "${job.name}" failed: ${error.message}`, error.stack);
      }
    })();
    const tracked: Promise<void> = run.finally(() => {
      if (job.running === tracked) job.running = undefined;
    });
    job.running = tracked;
    return tracked;
  }
}

/**
 * The base of a provider that runs periodic jobs (sweepers, retention, periodic reviews): register
 * them with `this.scheduler.every(...)` in the constructor. They start with the application and stop
 * before it closes the database, after the run in progress has finished.
 */
export abstract class ScheduledJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly log: Logger;
  protected readonly scheduler: Scheduler;

  protected constructor(name: string) {
    this.log = new Logger(name);
    this.scheduler = new Scheduler({ logger: this.log });
  }

  onApplicationBootstrap(): void {
    this.scheduler.start(); // idempotent: Nest calls this again for the microservice sharing the container
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.scheduler.stop();
  }
}
