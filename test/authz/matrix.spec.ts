// The authorization matrix of docs/api.md, checked against every operation of every service's
// OpenAPI document: a route without a row fails, and so does a row that says more or less than the
// guard does. Requests carry well-formed but unknown ids and empty bodies: the guard answers before
// validation, and an allowed caller gets a 400 or 404 that changes nothing.
import { ServiceHarness, startService } from '@cx/testing';
import { ALL_SERVICES } from '../support/services';
import { CALLERS, callerOf, EVERY, readMatrix, rowOf as matrixRowOf } from '../support/authz-matrix';

const SERVICES = ALL_SERVICES;

/** Values for path parameters: well-formed, and naming nothing that exists. */
const UUID_V7 = '017f22e2-79b0-7cc3-98c4-dc0c0c07398f';
const PATH_VALUES: Record<string, string> = {
  id: UUID_V7,
  stepId: UUID_V7,
  storeId: 'SH-404',
  code: 'no-such-code',
  evidenceId: UUID_V7,
  employeeId: 'E-404',
  month: '2026-01',
  token: 'no-such-token',
  trigger: 'complaint-resolved',
  auditorId: 'A-404',
  group: 'no-such-group',
};

interface Operation {
  method: string;
  template: string;
  url: string;
  /** Documented as needing no token (`security: [{}]`, what @Public() writes). */
  documentedPublic: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; security?: Record<string, unknown>[] }>
  >;
}

function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      let url = template;
      for (const p of op.parameters?.filter((x) => x.in === 'path') ?? []) {
        const value = PATH_VALUES[p.name];
        if (value === undefined)
          throw new Error(
            `${method.toUpperCase()} ${template}: add a sample value for path parameter "${p.name}" to PATH_VALUES`,
          );
        url = url.replace(`{${p.name}}`, encodeURIComponent(value));
      }
      const documentedPublic = op.security?.length === 1 && Object.keys(op.security[0]).length === 0;
      ops.push({ method: method.toUpperCase(), template, url, documentedPublic });
    }
  return ops;
}

interface Started {
  h: ServiceHarness;
  operations: Operation[];
}

const rows = readMatrix();
const rowOf = (service: string, operation: string) => matrixRowOf(rows, service, operation);

describe('authorization matrix (docs/api.md) against every service', () => {
  const started = new Map<string, Started>();

  beforeAll(async () => {
    const all = await Promise.allSettled(
      SERVICES.map(async (def) => {
        // Five services at once: small pools keep them well under the server's max_connections.
        const h = await startService(def, { env: { DATABASE_POOL_SIZE: '4' } });
        started.set(def.name, { h, operations: [] });
        const doc = (await h.request('GET', '/docs/json')).json<OpenApiDocument>();
        started.set(def.name, { h, operations: operationsOf(doc) });
      }),
    );
    const failed = all.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  });

  afterAll(async () => {
    await Promise.all([...started.values()].map(({ h }) => h.stop()));
  });

  it('is one row per operation, naming a service or every service', () => {
    const names = new Set<string>([EVERY, ...SERVICES.map((s) => s.name)]);
    expect(rows.filter((r) => !names.has(r.service)).map((r) => `line ${r.line}: ${r.service}`)).toEqual([]);
    const seen = new Map<string, number>();
    const duplicates: string[] = [];
    for (const r of rows) {
      const key = `${r.service} ${r.operation}`;
      if (seen.has(key)) duplicates.push(`${key} (lines ${seen.get(key)} and ${r.line})`);
      seen.set(key, r.line);
    }
    expect(duplicates).toEqual([]);
  });

  it('has no row for an operation that no longer exists', () => {
    const stale = rows.filter((r) => {
      const holders = r.service === EVERY ? SERVICES.map((s) => s.name) : [r.service];
      return holders.some(
        (name) => !started.get(name)!.operations.some((op) => `${op.method} ${op.template}` === r.operation),
      );
    });
    expect(stale.map((r) => `docs/api.md line ${r.line}: ${r.service} ${r.operation}`)).toEqual([]);
  });

  it.each(SERVICES.map((s) => s.name))(
    '%s: every operation has a row, and answers each caller as its row says',
    async (name) => {
      const { h, operations } = started.get(name)!;
      const missing = operations
        .map((op) => `${op.method} ${op.template}`)
        .filter((operation) => !rowOf(name, operation));
      expect(missing.map((m) => `${m} (${name}) has no row in docs/api.md's authorization matrix`)).toEqual(
        [],
      );

      // A client generated from the document must know which operations take no token.
      expect(
        operations
          .filter(
            (op) => op.documentedPublic !== rowOf(name, `${op.method} ${op.template}`)!.allows['no token'],
          )
          .map(
            (op) =>
              `${op.method} ${op.template}: public in the matrix but not in the document, or the reverse`,
          ),
      ).toEqual([]);

      const wrong: string[] = [];
      await Promise.all(
        operations.flatMap((op) => {
          const row = rowOf(name, `${op.method} ${op.template}`)!;
          return CALLERS.map(async (caller) => {
            const res = await h.request(op.method, op.url, {
              ...callerOf(caller, name),
              body: ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined,
            });
            const status = res.statusCode;
            const refusal = caller === 'no token' ? 401 : 403;
            const ok = row.allows[caller] ? status !== 401 && status !== 403 : status === refusal;
            if (!ok)
              wrong.push(
                `${op.method} ${op.template} as ${caller}: ${status}, the matrix (line ${row.line}) says ${
                  row.allows[caller] ? 'allowed' : String(refusal)
                }`,
              );
          });
        }),
      );
      expect(wrong.sort()).toEqual([]);
    },
  );
});
