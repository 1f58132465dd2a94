// The customer's preferred language against the real Postgres and NATS: set on create and PATCH,
// validated, stored in its column, returned in the views.
import { Subjects } from '@cx/contracts';
import { ManualClock, NatsClient, RpcClient } from '@cx/platform';
import { ServiceHarness, startService, validCustomer } from '@cx/testing';
import { crmService } from '../src/service';

const URL = '/api/v1/customers';

describe('customer preferred language (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let rpc: RpcClient;

  beforeAll(async () => {
    h = await startService(crmService, { clock: new ManualClock('2026-11-01T02:00:00.000Z') });
    rpc = new RpcClient(h.get(NatsClient));
  });

  afterAll(async () => {
    await h?.stop();
  });

  const stored = async (id: string) =>
    (
      await h.sql<{ preferred_language: string | null }>(
        `SELECT preferred_language FROM customer WHERE id = $1`,
        [id],
      )
    )[0].preferred_language;

  it('is set on create, returned in the full and masked views, and stored in clear', async () => {
    const res = await h.request('POST', URL, {
      as: 'agent',
      body: validCustomer({ preferredLanguage: 'en' }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().preferredLanguage).toBe('en');
    const id = res.json().id as string;
    expect(await stored(id)).toBe('en');
    const masked = await h.request('GET', `${URL}/${id}`, { as: 'lead' });
    expect(masked.statusCode).toBe(200);
    expect(masked.json()).toMatchObject({ masked: true, preferredLanguage: 'en' });
  });

  it('is null when not said, changes on PATCH and is removed with null', async () => {
    const res = await h.request('POST', URL, { as: 'agent', body: validCustomer() });
    const id = res.json().id as string;
    expect(res.json().preferredLanguage).toBeNull();
    expect(await stored(id)).toBeNull();
    const set = await h.request('PATCH', `${URL}/${id}`, {
      as: 'agent',
      body: { preferredLanguage: 'zh-CN' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().preferredLanguage).toBe('zh-CN');
    expect(await stored(id)).toBe('zh-CN');
    const other = await h.request('PATCH', `${URL}/${id}`, { as: 'agent', body: { name: 'Wang Fang' } });
    expect(other.json().preferredLanguage).toBe('zh-CN');
    const cleared = await h.request('PATCH', `${URL}/${id}`, {
      as: 'agent',
      body: { preferredLanguage: null },
    });
    expect(cleared.json().preferredLanguage).toBeNull();
    expect(await stored(id)).toBeNull();
  });

  it('refuses a language the platform does not support with a 400 naming the field', async () => {
    for (const preferredLanguage of ['fr', 'zh', 'EN', 'zh_CN', 7]) {
      const res = await h.request('POST', URL, { as: 'agent', body: validCustomer({ preferredLanguage }) });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['preferredLanguage']);
    }
    const created = await h.request('POST', URL, { as: 'agent', body: validCustomer() });
    const patch = await h.request('PATCH', `${URL}/${created.json().id}`, {
      as: 'agent',
      body: { preferredLanguage: 'de' },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors.map((e: { field: string }) => e.field)).toEqual(['preferredLanguage']);
  });

  it('is the language of rpc.crm.get-customer-contact.v1, absent when not said', async () => {
    const en = await h.request('POST', URL, {
      as: 'agent',
      body: validCustomer({ preferredLanguage: 'en' }),
    });
    const none = await h.request('POST', URL, { as: 'agent', body: validCustomer() });
    const ask = (customerId: string) =>
      rpc.request<Record<string, unknown>>(Subjects.crm.getCustomerContact, {
        customerId,
        purpose: 'complaint-update',
      });
    expect((await ask(en.json().id)).language).toBe('en');
    expect((await ask(none.json().id)).language).toBeUndefined();
    await h.request('PATCH', `${URL}/${none.json().id}`, {
      as: 'agent',
      body: { preferredLanguage: 'zh-CN' },
    });
    expect((await ask(none.json().id)).language).toBe('zh-CN');
  });
});
