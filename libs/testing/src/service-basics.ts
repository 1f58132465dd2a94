// What every service serves from its first commit, checked the same way for each: one line in
// services/<name>/test/service.spec.ts.
import { ServiceDefinition } from '@cx/platform';
import { ServiceHarness, startService, StartServiceOptions } from './service-harness';

/** Registers the checks (a describe block) every service passes: ready, documented, admin guarded. */
export function describeServiceBasics(def: ServiceDefinition, opts: StartServiceOptions = {}): void {
  describe(`${def.name}: what every service serves (real Postgres and NATS)`, () => {
    let h: ServiceHarness;

    beforeAll(async () => {
      h = await startService(def, opts);
    });

    afterAll(async () => {
      await h?.stop();
    });

    it('is ready once started (database and NATS checked)', async () => {
      const res = await h.request('GET', '/health/ready');
      expect(res.statusCode).toBe(200);
    });

    it('publishes an OpenAPI 3 document titled with the service title', async () => {
      const res = await h.request('GET', '/docs/json');
      expect(res.statusCode).toBe(200);
      const doc = res.json<{ openapi: string; info: { title: string; version: string } }>();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info).toMatchObject({ title: def.title, version: def.version });
    });

    it('refuses an unauthenticated call to its admin API with a 401 problem', async () => {
      const res = await h.request('GET', '/api/v1/admin/dead-letters');
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 401 });
    });
  });
}
