// Several services in one test, on one NATS namespace so they hear each other's events and requests
// as in production; each keeps its own database. The group owns the namespace: its streams are removed
// once, after every service on it has stopped.
import { ManualClock, ServiceDefinition } from '@cx/platform';
import { SHARED_NATS_URL, uniqueNamespace } from './databases';
import { deleteNamespaceStreams } from './nats';
import { ServiceHarness, startService, StartServiceOptions } from './service-harness';

export interface ServiceGroupOptions {
  /** The clock every service of the group runs on (default: one ManualClock at the current time). */
  clock?: ManualClock;
  /** Environment for every service of the group (a service's own `env` goes on top). */
  env?: Record<string, string>;
}

/** What one service of the group starts with: the group's namespace, clock and environment. */
export type GroupStartOptions = Omit<StartServiceOptions, 'namespace' | 'clock'>;

/** A service of startServices: its definition, or its definition with options of its own. */
export type GroupEntry = ServiceDefinition | readonly [ServiceDefinition, GroupStartOptions];

export class ServiceGroup {
  readonly namespace = uniqueNamespace();
  readonly clock: ManualClock;
  private readonly env: Record<string, string>;
  private readonly members: ServiceHarness[] = [];
  private stopped?: Promise<void>;

  constructor(opts: ServiceGroupOptions = {}) {
    this.clock = opts.clock ?? new ManualClock(new Date());
    this.env = opts.env ?? {};
  }

  /** The services started so far, in start order. */
  get services(): readonly ServiceHarness[] {
    return this.members;
  }

  /** Starts `def` on the group's namespace and clock. */
  start(def: ServiceDefinition, opts: GroupStartOptions = {}): Promise<ServiceHarness> {
    return this.join((o) => startService(def, o), opts);
  }

  /**
   * Starts a service through its own harness (e.g. a `start(opts)` of a subclass of ServiceHarness),
   * handing it the group's namespace, clock and environment.
   */
  async join<H extends ServiceHarness>(
    launch: (opts: StartServiceOptions) => Promise<H>,
    opts: GroupStartOptions = {},
  ): Promise<H> {
    if (this.stopped) throw new Error('the service group has stopped');
    const h = await launch({
      ...opts,
      env: { ...this.env, ...opts.env },
      clock: this.clock,
      namespace: this.namespace,
    });
    this.members.push(h);
    return h;
  }

  /**
   * Stops every service (the last started first), then removes the namespace's streams once; every
   * step is tried and the errors are reported together. Safe to call twice.
   */
  stop(): Promise<void> {
    this.stopped ??= this.tearDown();
    return this.stopped;
  }

  private async tearDown(): Promise<void> {
    const errors: unknown[] = [];
    for (const h of [...this.members].reverse()) await h.stop().catch((e: unknown) => errors.push(e));
    await deleteNamespaceStreams(this.env.NATS_URL ?? SHARED_NATS_URL, this.namespace).catch((e: unknown) =>
      errors.push(e),
    );
    if (errors.length) throw new AggregateError(errors, `service group ${this.namespace}: stopping failed`);
  }
}

/** A started group with its services in the order they were given. */
export type StartedGroup<E extends readonly GroupEntry[]> = ServiceGroup & {
  readonly services: { readonly [K in keyof E]: ServiceHarness };
};

/**
 * Starts the services one after the other on one fresh namespace and clock; stop() the group in
 * afterAll. If one fails to start, those already started are stopped and the streams removed.
 */
export async function startServices<const E extends readonly GroupEntry[]>(
  entries: E,
  opts: ServiceGroupOptions = {},
): Promise<StartedGroup<E>> {
  const group = new ServiceGroup(opts);
  try {
    for (const entry of entries) {
      const [def, own] = Array.isArray(entry)
        ? (entry as readonly [ServiceDefinition, GroupStartOptions])
        : [entry as ServiceDefinition, {}];
      await group.start(def, own);
    }
  } catch (e) {
    await group.stop().catch(() => undefined); // the start failure is the error worth seeing
    throw e;
  }
  return group as StartedGroup<E>;
}
