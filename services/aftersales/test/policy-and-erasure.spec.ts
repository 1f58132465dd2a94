import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { fakeJpeg, multipartBody, ServiceHarness, startService, waitFor } from '@cx/testing';
import { aftersalesService } from '../src/service';
import { recordPurchase, testPurchase } from './support';

const NOW = '2026-11-05T02:00:00.000Z';

describe('published policy and erasure (real Postgres and NATS)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock(NOW) });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('publishes the warranty policy and price list without a token, cacheable and revalidated by ETag', async () => {
    await h.request('PUT', '/api/v1/admin/policies/repair-prices/zip-replacement', {
      as: 'lead',
      body: { name: 'Zip replacement', labourMinor: 4_000, currency: 'CNY', active: true },
    });
    const first = await h.request('GET', '/api/v1/policy');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.json()).toMatchObject({
      warrantyTerms: [
        { warrantyClass: 'custom-made', months: 24 },
        { warrantyClass: 'electronics', months: 24 },
        { warrantyClass: 'general', months: 12 },
      ],
      returnDays: 7,
      specialReturnDays: 15,
      repairPrices: [
        { code: 'zip-replacement', name: 'Zip replacement', labourMinor: 4_000, currency: 'CNY' },
      ],
    });
    const again = await h.request('GET', '/api/v1/policy', { headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    await h.request('PUT', '/api/v1/admin/policies/categories/watches', {
      as: 'lead',
      body: { warrantyMonths: 36, specialReturns: true },
    });
    const changed = await h.request('GET', '/api/v1/policy', { headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().categories).toEqual([{ category: 'watches', warrantyMonths: 36, returnDays: 15 }]);
  });

  it('scrubs what it copied of an erased customer: ids, contact details, their words and photos', async () => {
    const p = testPurchase({ deliveredAt: '2026-11-01T07:30:00Z' });
    await recordPurchase(h, p);
    const ret = (
      await h.request('POST', '/api/v1/returns', {
        as: 'agent',
        body: {
          kind: 'return',
          orderId: p.orderId,
          lineId: '1',
          reason: 'quality-defect',
          quality: true,
          defectDescription: 'torn lining, see photo of my arm',
        },
      })
    ).json();
    const form = multipartBody([
      { name: 'kind', value: 'photo' },
      { name: 'file', value: { content: fakeJpeg(1_000), contentType: 'image/jpeg' } },
    ]);
    expect(
      (
        await h.request('POST', `/api/v1/returns/${ret.id}/evidence`, {
          as: 'agent',
          body: form.body,
          headers: form.headers,
        })
      ).statusCode,
    ).toBe(201);
    const repair = (
      await h.request('POST', '/api/v1/repairs', {
        as: 'agent',
        body: {
          channel: 'store-visit',
          customerId: p.customerId,
          contactName: 'Li Wei',
          contactPhone: '+86 139 0021 7788',
          storeId: 'SH-001',
          sku: 'JK-DOWN-BLK-M',
          problem: 'zip',
        },
      })
    ).json();

    await h.publish(Subjects.crm.customerErased, {
      customerId: p.customerId,
      erasedAt: NOW,
      requestedBy: 'customer',
    });
    await waitFor(
      async () =>
        (await h.sql(`SELECT 1 FROM repair_order WHERE id = $1 AND customer_id IS NULL`, [repair.id]))
          .length === 1,
    );

    for (const table of ['purchase', 'warranty', 'return_request', 'repair_order'])
      expect(await h.sql(`SELECT 1 FROM ${table} WHERE customer_id = $1`, [p.customerId])).toEqual([]);
    expect(
      await h.sql(`SELECT contact_name, contact_phone FROM repair_order WHERE id = $1`, [repair.id]),
    ).toEqual([{ contact_name: null, contact_phone: null }]);
    expect(await h.sql(`SELECT defect_description FROM return_request WHERE id = $1`, [ret.id])).toEqual([
      { defect_description: '[erased]' },
    ]);
    expect(await h.sql(`SELECT id FROM return_evidence WHERE return_id = $1`, [ret.id])).toEqual([]);
    expect(await h.sql(`SELECT id FROM stored_file WHERE owner = $1`, [`return:${ret.id}`])).toEqual([]);
    // the goods' facts stay: the warranties still answer by order
    expect((await h.sql(`SELECT id FROM warranty WHERE order_id = $1`, [p.orderId])).length).toBe(2);
  });

  it("follows crm's customer merges: what was held under the merged id is the survivor's", async () => {
    const p = testPurchase();
    await recordPurchase(h, p);
    const survivorId = '0192f0a4-6000-7000-8000-00000000aaaa';
    await h.publish(Subjects.crm.customerMerged, { survivorId, mergedId: p.customerId, mergedAt: NOW });
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM warranty WHERE customer_id = $1`, [survivorId])).length === 2,
    );
    expect(await h.sql(`SELECT customer_id FROM purchase WHERE order_id = $1`, [p.orderId])).toEqual([
      { customer_id: survivorId },
    ]);
    expect(await h.sql(`SELECT 1 FROM warranty WHERE customer_id = $1`, [p.customerId])).toEqual([]);
  });
});
