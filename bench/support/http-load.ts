// The HTTP load generators of the benches, both in the bench process (the caller says which route and
// what each request carries). load(): autocannon as a library, closed loop: each
// connection sends its next request when the previous answer arrives, so both servers get the same
// offered concurrency and the one that answers faster gets more requests. paced(): an open loop at a
// fixed rate (request i leaves at start + i / rate, whatever the earlier ones do), to see latency
// below saturation; autocannon's own rate option sends each connection's quota in a burst at the
// start of every second, which measures queueing, not the server.
import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { LatencySummary, paced as pace, summarize, wallMs } from './stats';

/** One request's body and headers (content type, authorization and the like). */
export interface NextRequest {
  /** Absent for a GET. */
  body?: string;
  headers: Record<string, string>;
  /** This request's path and query, when it differs from the options' path (a GET by key). */
  path?: string;
}

export interface LoadOptions {
  url: string;
  /** The route every request goes to, e.g. /api/v1/complaints. */
  path: string;
  /** POST unless told. */
  method?: 'GET' | 'POST';
  connections: number;
  seconds: number;
  /** The next request to send; called once per request. */
  next: () => NextRequest;
  /** Sees every answer (status and body), e.g. to count what a bulk answer accepted. */
  onAnswer?: (status: number, body: string) => void;
  /** paced() only: each answered request's send time (stats.wallMs) and latency, for a per-request trace. */
  onSample?: (sentAt: number, ms: number) => void;
}

export interface LoadResult {
  seconds: number;
  /** 2xx answers per second. */
  requestsPerSecond: number;
  responses: number;
  status: Record<string, number>;
  created: number;
  non2xx: number;
  /** Connection errors and timeouts (no answer at all). */
  errors: number;
  timeouts: number;
  /** Every answered request, from the first byte sent to the last byte received, in ms. */
  latency: LatencySummary;
  /** autocannon's own summary (ms, integer buckets), for cross-checking. */
  autocannon: { p50: number; p90: number; p99: number; max: number; requestsPerSecondAverage: number };
  /** A few non-2xx answers, to say what went wrong. */
  errorSamples: string[];
  /** Requests handed to the connections; those not answered were cut off when the phase ended. */
  sent: number;
  /** The `id` of every answer 201, to find each in the database afterwards. */
  createdIds: string[];
}

/** What both load generators count the same way: answers by status, 2xx per second since `t0`. */
function tally(t0: number, status: Record<string, number>, samples: number[]) {
  const seconds = (wallMs() - t0) / 1000;
  const ok = Object.entries(status).reduce(
    (n, [code, count]) => n + (Number(code) >= 200 && Number(code) < 300 ? count : 0),
    0,
  );
  return {
    seconds,
    requestsPerSecond: ok / seconds,
    responses: samples.length,
    status,
    created: status['201'] ?? 0,
    non2xx: samples.length - ok,
  };
}

export async function load(o: LoadOptions): Promise<LoadResult> {
  const samples: number[] = [];
  const status: Record<string, number> = {};
  const errorSamples: string[] = [];
  const createdIds: string[] = [];
  let sent = 0;
  const t0 = wallMs();
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: o.method ?? 'POST',
        path: o.path,
        setupRequest: (request) => {
          sent++;
          const { body, headers, path } = o.next();
          return { ...request, headers, body, path: path ?? request.path };
        },
        onResponse: (code, body) => {
          o.onAnswer?.(code, body);
          if (code === 201) createdIds.push((JSON.parse(body) as { id: string }).id);
          else if ((code < 200 || code >= 300) && errorSamples.length < 5)
            errorSamples.push(`${code} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    samples.push(ms);
    status[statusCode] = (status[statusCode] ?? 0) + 1;
  });
  const r = await instance;
  return {
    ...tally(t0, status, samples),
    errors: r.errors,
    timeouts: r.timeouts,
    latency: summarize(samples),
    autocannon: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      requestsPerSecondAverage: r.requests.average,
    },
    errorSamples,
    sent,
    createdIds,
  };
}

/** `rate` requests per second for `seconds`, open loop over at most `connections` keep-alive sockets. */
export async function paced(o: LoadOptions & { rate: number }): Promise<LoadResult> {
  const target = new URL(o.path, o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const samples: number[] = [];
  const status: Record<string, number> = {};
  const errorSamples: string[] = [];
  const createdIds: string[] = [];
  let errors = 0;
  let sent = 0;
  const t0 = wallMs();
  const one = () =>
    new Promise<void>((resolve) => {
      const { body, headers } = o.next();
      sent++;
      const started = wallMs();
      const req = request(target, { method: 'POST', agent, headers, timeout: 10_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          samples.push(wallMs() - started);
          o.onSample?.(started, wallMs() - started);
          const code = res.statusCode ?? 0;
          status[code] = (status[code] ?? 0) + 1;
          const text = Buffer.concat(chunks).toString('utf8');
          o.onAnswer?.(code, text);
          if (code === 201) createdIds.push((JSON.parse(text) as { id: string }).id);
          else if (errorSamples.length < 5) errorSamples.push(`${code} ${text.slice(0, 300)}`);
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  // Outstanding requests are bounded by the sockets; the pacer does not wait for answers.
  await pace(Math.round(o.rate * o.seconds), o.rate, one, o.connections * 4);
  agent.destroy();
  const latency = summarize(samples);
  return {
    ...tally(t0, status, samples),
    errors,
    timeouts: 0,
    latency,
    autocannon: { p50: NaN, p90: NaN, p99: NaN, max: NaN, requestsPerSecondAverage: NaN },
    errorSamples,
    sent,
    createdIds,
  };
}
