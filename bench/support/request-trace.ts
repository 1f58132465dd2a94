// A per-request trace of a server process in a bench (child side), to find where a latency tail
// comes from: every HTTP request's start and end, every Postgres statement and pool checkout, garbage
// collection pauses and event-loop stalls, all on one wall clock (stats.wallMs), written to a JSON
// file when the server stops. Turned on by <bench>_TRACE_FILE; costs a few microseconds per event.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { recordGcPauses } from './gc-pauses';
import { wallMs } from './stats';

export interface TraceEvent {
  /** http: one request; pg: one statement; pool: waiting for a pooled connection; stall: the event loop was late. */
  kind: 'http' | 'pg' | 'pool' | 'stall' | 'gc';
  at: number;
  ms: number;
  what?: string;
  /** The statement's session by its application_name: the service's name for its pool, `outbox-relay` for the relay's. */
  session?: string;
}

interface Hookable {
  addHook(
    name: 'onRequest' | 'onResponse',
    hook: (req: object, reply: object, done: () => void) => void,
  ): void;
}

/** Starts tracing; `http` is the Fastify instance (for request hooks), when the server is ours. */
export function startTrace(file: string, http?: Hookable): { write(): void } {
  const events: TraceEvent[] = [];
  const started = new WeakMap<object, number>();
  if (http) {
    http.addHook('onRequest', (req, _reply, done) => {
      started.set(req, wallMs());
      done();
    });
    http.addHook('onResponse', (req, _reply, done) => {
      const t0 = started.get(req);
      if (t0 !== undefined) events.push({ kind: 'http', at: t0, ms: wallMs() - t0 });
      done();
    });
  }

  // pg, as TypeORM and the relay load it: time each statement and each wait for a pooled connection.
  const req = createRequire(__filename);
  const pg = req('pg') as {
    Client: { prototype: { query: (...a: unknown[]) => unknown } };
  };
  const Pool = req('pg-pool') as { prototype: { connect: (...a: unknown[]) => unknown } };
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const at = wallMs();
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
    const what = (text ?? '?').replace(/\s+/g, ' ').slice(0, 60);
    const session = (this as { connectionParameters?: { application_name?: string } }).connectionParameters
      ?.application_name;
    const event = (failed: boolean): TraceEvent => ({
      kind: 'pg',
      at,
      ms: wallMs() - at,
      what: failed ? `${what} (failed)` : what,
      session,
    });
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...r: unknown[]) => {
        events.push(event(false));
        return (last as (...x: unknown[]) => unknown)(...r);
      };
      return query.apply(this, args);
    }
    const out = query.apply(this, args);
    if (out && typeof (out as Promise<unknown>).then === 'function')
      (out as Promise<unknown>).then(
        () => events.push(event(false)),
        () => events.push(event(true)),
      );
    return out;
  };
  const connect = Pool.prototype.connect;
  Pool.prototype.connect = function (this: unknown, ...args: unknown[]) {
    const at = wallMs();
    const cb = args[0];
    if (typeof cb === 'function')
      return connect.call(this, (...r: unknown[]) => {
        events.push({ kind: 'pool', at, ms: wallMs() - at });
        return (cb as (...x: unknown[]) => unknown)(...r);
      });
    const out = connect.apply(this, args) as Promise<unknown>;
    void out.then(
      () => events.push({ kind: 'pool', at, ms: wallMs() - at }),
      () => undefined,
    );
    return out;
  };

  // Event-loop stalls: a 2 ms timer that fires late was kept from running by something.
  const tick = 2;
  let expected = wallMs() + tick;
  const timer = setInterval(() => {
    const now = wallMs();
    const late = now - expected;
    if (late > 3) events.push({ kind: 'stall', at: expected, ms: late });
    expected = now + tick;
  }, tick);
  timer.unref();
  const gc = recordGcPauses();

  return {
    write() {
      clearInterval(timer);
      for (const p of gc.take())
        events.push({ kind: 'gc', at: p.at, ms: p.ms, what: p.major ? 'major' : 'minor' });
      gc.stop();
      writeFileSync(file, JSON.stringify(events));
    },
  };
}
