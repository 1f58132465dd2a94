// Input that passes a DTO's rules but cannot be stored or routed used to end as a 500 or as Fastify's
// own JSON: a NUL character (Postgres text refuses it), a lone UTF-16 surrogate, a path parameter over
// Fastify's 100 characters or with broken percent-encoding. Every service gets the 4xx problem from the
// platform's bootstrap and global pipe (found by test/fuzz; ADR 33).
import { ServiceHarness, startService } from '@cx/testing';
import { testService } from './support/test-service';

describe('input the database or the router cannot take (platform bootstrap)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(testService);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it.each([
    ['a NUL character', { customerId: 'c\u0000' }, 'customerId'],
    ['a lone surrogate in a nested item', { lines: [{ sku: 'a\ud800', quantity: 1 }] }, 'lines.0.sku'],
  ])('refuses %s in the body with a 400 naming the field', async (_what, change, field) => {
    const body = { orderId: 'SO-1', customerId: 'c-1', lines: [{ sku: 'A', quantity: 1 }], ...change };
    const res = await h.request('POST', '/api/v1/sales', { as: 'system', body });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field }] });
    expect(await h.sql('SELECT 1 FROM sale')).toEqual([]);
  });

  it('refuses a NUL character in a query parameter with a 400 naming it', async () => {
    const res = await h.request('GET', '/api/v1/admin/dead-letters?subject=a%00b', { as: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'subject' }] });
  });

  it('refuses a JSON null body as not an object', async () => {
    const res = await h.request('POST', '/api/v1/sales', {
      as: 'system',
      body: 'null',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'body' }] });
  });

  it.each([
    ['over 100 characters', 'x'.repeat(101), 414],
    ['not valid percent-encoding', '%E0%A4%A', 400],
  ])('answers a path parameter %s with a problem document', async (_what, id, status) => {
    const res = await h.request('GET', `/api/v1/admin/dead-letters/${id}`, { as: 'admin' });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json()).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  });
});
