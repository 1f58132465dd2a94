// crm and aftersales on one namespace, as in production: a purchase recorded in crm registers warranties
// in aftersales, and a refund in aftersales reaches crm's points through the real outbox, NATS and consumers.
import { ManualClock } from '@cx/platform';
import {
  ServiceHarness,
  startServices,
  StartedGroup,
  validCustomer,
  validPurchase,
  validPurchaseLine,
  waitFor,
} from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { aftersalesService } from '../../services/aftersales/src/service';
import { crmService } from '../../services/crm/src/service';

const NOW = '2026-11-02T02:00:00.000Z';

describe('crm <-> aftersales on one namespace (real Postgres and NATS)', () => {
  let group: StartedGroup<[typeof crmService, typeof aftersalesService]>;
  let crm: ServiceHarness;
  let aftersales: ServiceHarness;
  let customerId: string;
  const orderId = `SO-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    group = await startServices([crmService, aftersalesService], { clock: new ManualClock(NOW) });
    [crm, aftersales] = group.services;
    const res = await crm.request('POST', '/api/v1/customers', { as: 'system', body: validCustomer() });
    expect(res.statusCode).toBe(201);
    customerId = res.json().id;
  });

  afterAll(async () => {
    await group?.stop();
  });

  const points = async () =>
    (await crm.request('GET', `/api/v1/customers/${customerId}/points`, { as: 'agent' })).json<{
      available: number;
      pending: number;
    }>();

  it('a purchase recorded in crm registers its warranties in aftersales', async () => {
    const res = await crm.request('POST', '/api/v1/purchases', {
      as: 'system',
      body: validPurchase(customerId, {
        orderId,
        paidAmountMinor: 459_800,
        deliveredAt: '2026-11-01T09:00:00+08:00',
        lines: [validPurchaseLine({ unitPriceMinor: 459_800, warrantyClass: 'general' })],
      }),
    });
    expect(res.statusCode).toBe(201);
    const items = await waitFor(
      async () => {
        const list = await aftersales.request('GET', `/api/v1/warranties?orderId=${orderId}`, {
          as: 'agent',
        });
        return list.json().items.length === 1 ? list.json().items : undefined;
      },
      15_000,
      "aftersales registers the purchase's warranty",
    );
    expect(items[0]).toMatchObject({
      customerId,
      termMonths: 12,
      startsAt: '2026-11-01T01:00:00.000Z',
      endsAt: '2027-11-01T01:00:00.000Z',
    });
  });

  it("a refund in aftersales takes the purchase's points back in crm", async () => {
    const before = await waitFor(async () => {
      const p = await points();
      return p.pending + p.available > 0 ? p : undefined;
    });
    const created = await aftersales.request('POST', '/api/v1/returns', {
      as: 'agent',
      body: { kind: 'return', orderId, lineId: '1', reason: 'changed-mind', quality: false },
    });
    expect(created.json()).toMatchObject({ eligible: true });
    const id: string = created.json().id;
    const step = (action: string, body: unknown = {}) =>
      aftersales.request('POST', `/api/v1/returns/${id}/${action}`, { as: 'agent', body });
    await step('approve');
    await step('receive', { originalPackaging: true, tags: true, invoice: true, intact: true });
    await step('inspect', { finding: 'as new' });
    expect((await step('refund')).json()).toMatchObject({ status: 'refunded', refundAmountMinor: 459_800 });

    const after = await waitFor(
      async () => {
        const p = await points();
        return p.pending + p.available < before.pending + before.available ? p : undefined;
      },
      15_000,
      "crm takes the refunded purchase's points back",
    );
    expect(after.pending + after.available).toBe(0);
    expect(
      await crm.sql(`SELECT amount_minor::int AS amount FROM purchase_refund WHERE return_id = $1`, [id]),
    ).toEqual([{ amount: 459_800 }]);
  });
});
