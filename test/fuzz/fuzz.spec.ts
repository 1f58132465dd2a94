// Every operation of every service, fuzzed from its own OpenAPI document (docs/api.md, "Fuzzing"): a
// valid-looking request as a caller the authorization matrix lets through, then a seeded sample of its
// mutations (fields missing or of the wrong type, out-of-range numbers, 100 kB and NUL-byte strings,
// bad enums, unknown properties, malformed or mistyped bodies, bad path and query values). Each answer
// must be below 500, a 4xx must be a problem document, a 400 must name the field that was broken, a
// request that breaks the schema must not succeed, and the service must still be ready afterwards.
// FUZZ_SEED=<n> replays a run; FUZZ_CASES=<n> changes how many mutations each operation gets.
import { InjectedResponse, ServiceHarness, StartedGroup, startServices } from '@cx/testing';
import { ManualClock } from '@cx/platform';
import { ALL_SERVICES } from '../support/services';
import { CALLERS, Caller, callerOf, readMatrix, rowOf } from '../support/authz-matrix';
import { FOUND } from './found';
import { casesFor, FuzzCase, OpenApiDocument, operationsOf, prng, sample, UNKNOWN_UUID } from './cases';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const CASES_PER_OPERATION = Number(process.env.FUZZ_CASES ?? 24);
const REQUEST_TIMEOUT_MS = 15_000;

/** Path values the routes need to reach their validation (the matrix spec's, plus any uuid). */
const PATH_VALUES: Record<string, string> = {
  id: UNKNOWN_UUID,
  stepId: UNKNOWN_UUID,
  evidenceId: UNKNOWN_UUID,
  storeId: 'SH-404',
  code: 'no-such-code',
  employeeId: 'E-404',
  month: '2026-01',
  token: 'no-such-token',
  trigger: 'complaint-resolved',
  auditorId: 'A-404',
  group: 'no-such-group',
};

/** The callers tried first: the broadest that the row allows. */
const PREFERRED: Caller[] = [
  'admin',
  'lead (own dept)',
  'agent',
  'technician',
  'system',
  'auditor',
  'no token',
];

interface Problem {
  status?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: { field: string; messages: string[] }[];
}

/** A bulk route's answer: each item created or refused on its own, a refusal naming its fields. */
const refusesItemNaming = (res: InjectedResponse, name: string | undefined) =>
  name !== undefined && res.body.includes('"refused"') && res.body.includes(`${name}`);

/**
 * What is wrong with an answer to a case, or undefined when it is fine. `baseline` is the status the
 * valid-looking request got: when that was a 400 already (a rule across fields, a pattern the document
 * does not show), a mutation that breaks nothing the schema says may be refused for the same reason.
 */
function judge(c: FuzzCase, res: InjectedResponse, baseline: number): string | undefined {
  const status = res.statusCode;
  if (status >= 500) return `${status}: ${res.body.slice(0, 300)}`;
  if (c.invalid && status < 300 && !refusesItemNaming(res, c.names))
    return `${status}: accepted input that breaks the schema`;
  if (status < 400) return undefined;
  const type = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : '';
  if (!type.startsWith('application/problem+json')) return `${status} with content-type "${type}"`;
  let problem: Problem;
  try {
    problem = res.json<Problem>();
  } catch {
    return `${status}: the problem is not JSON`;
  }
  if (problem.status !== status || typeof problem.title !== 'string' || typeof problem.detail !== 'string')
    return `${status}: the problem lacks status/title/detail: ${res.body.slice(0, 200)}`;
  if (status === 400 && c.names && (c.invalid || baseline < 400)) {
    const name = c.names;
    const named =
      problem.errors?.some(
        // A rule across fields may report on the other one, naming this one in its message.
        (e) =>
          e.field === name || e.field.split('.').includes(name) || e.messages.some((m) => m.includes(name)),
      ) || problem.detail.includes(name);
    if (!named) return `400 does not name "${name}": ${res.body.slice(0, 300)}`;
  }
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(
  h: ServiceHarness,
  method: string,
  c: FuzzCase,
  caller: ReturnType<typeof callerOf>,
): Promise<InjectedResponse | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer in ${REQUEST_TIMEOUT_MS} ms`), REQUEST_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      h.request(method, c.url, { ...caller, body: c.body, headers: c.headers }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe(`fuzzing every public operation (FUZZ_SEED=${SEED})`, () => {
  const harnesses = new Map<string, ServiceHarness>();
  const rows = readMatrix();

  // One namespace for the five, as in production: a route that asks another service (a staff group's
  // members checked with training, a contact asked of crm) gets its answer instead of a 503.
  let group: StartedGroup<typeof ALL_SERVICES> | undefined;

  beforeAll(async () => {
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_CASES=${CASES_PER_OPERATION}`);
    // A fixed day the OpenAPI examples were written around: a valid body's dates stay in the future or
    // the past they need (a corrective action due on 15 December 2026), whenever the fuzz runs.
    group = await startServices(ALL_SERVICES, {
      clock: new ManualClock('2026-12-01T00:00:00Z'),
      env: { DATABASE_POOL_SIZE: '4' },
    });
    ALL_SERVICES.forEach((def, i) => harnesses.set(def.name, group!.services[i]));
  });

  afterAll(async () => {
    await group?.stop();
  });

  it.each(ALL_SERVICES.map((s) => s.name))(
    '%s: bad input gets a 4xx problem naming the field',
    async (name) => {
      const h = harnesses.get(name)!;
      const doc = (await h.request('GET', '/docs/json')).json<OpenApiDocument>();
      // One stream per service, so a service's cases do not change with another's operations.
      const rand = prng(SEED ^ [...name].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) | 0, 7));
      const failures: string[] = [];
      let sent = 0;
      const created = new Map<string, string>();
      for (const c of FOUND.filter((f) => f.service === name)) {
        const res = await send(h, c.method, c, { as: 'admin' });
        sent++;
        const wrong =
          typeof res === 'string'
            ? res
            : res.statusCode !== 400
              ? `${res.statusCode}, not 400: ${res.body.slice(0, 300)}`
              : judge(c, res, 0);
        if (wrong) failures.push(`found earlier: ${c.method} ${c.url}, ${c.what}: ${wrong}`);
      }
      for (const operation of operationsOf(doc)) {
        const key = `${operation.method} ${operation.template}`;
        const row = rowOf(rows, name, key);
        const caller = PREFERRED.find((c) => row?.allows[c]) ?? CALLERS[0];
        // An {id} under a collection this run created in gets that id, so the request reaches the
        // service's rules instead of stopping at a 404.
        const [collection] = operation.template.split('/{id}');
        const id = operation.template.includes('/{id}') ? created.get(collection) : undefined;
        const { valid, mutations } = casesFor(doc, operation, { ...PATH_VALUES, ...(id && { id }) }, rand);
        let baseline = 0;
        for (const c of [valid, ...sample(mutations, CASES_PER_OPERATION, rand)]) {
          const res = await send(h, operation.method, c, callerOf(caller, name));
          sent++;
          if (c === valid && typeof res !== 'string') {
            baseline = res.statusCode;
            const made =
              res.statusCode === 201 ? (safeJson(res.body) as { id?: unknown } | undefined) : undefined;
            if (operation.method === 'POST' && typeof made?.id === 'string')
              created.set(operation.template, made.id);
            // FUZZ_VERBOSE=1 shows what each valid-looking request got: a 400 there means the mutations
            // mostly meet the same refusal (a pattern or rule the document does not show).
            if (process.env.FUZZ_VERBOSE)
              console.log(
                `fuzz ${name} ${key}: ${res.statusCode} ${res.statusCode >= 400 ? res.body.slice(0, 400) : ''}`,
              );
          }
          const wrong = typeof res === 'string' ? res : judge(c, res, baseline);
          if (wrong) failures.push(`${key} as ${caller}, ${c.what}: ${wrong}`);
        }
        const ready = await h.request('GET', '/health/ready');
        if (ready.statusCode !== 200)
          failures.push(`${key}: /health/ready answered ${ready.statusCode} afterwards`);
      }
      console.log(`fuzz ${name}: ${sent} requests, ${failures.length} failures (FUZZ_SEED=${SEED})`);
      expect(failures).toEqual([]);
    },
  );
});
