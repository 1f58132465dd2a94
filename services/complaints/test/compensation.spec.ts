import { validComplaint } from '@cx/testing';
import { ComplaintsHarness } from './support';

describe('compensation and its cost (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const create = async (over: Record<string, unknown>) =>
    (
      await h.request('POST', '/api/v1/complaints', {
        as: 'agent',
        body: validComplaint({ receivedAt: h.clock.now().toISOString(), ...over }),
      })
    ).json();
  const give = (id: string, body: Record<string, unknown>) =>
    h.request('POST', `/api/v1/complaints/${id}/compensations`, { as: 'agent', body });

  it('records what was given, linked to the case, and sums the cost per category and store', async () => {
    const a = await create({ storeId: 'CS-001', category: 'product-quality' });
    const b = await create({ storeId: 'CS-001', category: 'delivery' });
    const c = await create({ storeId: 'CS-002', category: 'product-quality' });

    const refund = await give(a.id, {
      kind: 'refund',
      amountMinor: 59900,
      currency: 'CNY',
      note: 'Jacket refunded',
    });
    expect(refund.statusCode).toBe(201);
    expect(refund.json()).toMatchObject({
      kind: 'refund',
      amountMinor: 59900,
      currency: 'CNY',
      givenBy: 'u-agent',
    });
    await give(a.id, { kind: 'goodwill-points', points: 500 });
    await give(b.id, { kind: 'voucher', amountMinor: 5000, currency: 'CNY' });
    await give(c.id, { kind: 'exchange', amountMinor: 120000, currency: 'CNY' });
    await give(c.id, { kind: 'voucher', amountMinor: 1000, currency: 'EUR' });

    const listed = (
      await h.request('GET', `/api/v1/complaints/${a.id}/compensations`, { as: 'agent' })
    ).json();
    expect(listed.map((x: { kind: string }) => x.kind)).toEqual(['refund', 'goodwill-points']);
    const history = (await h.request('GET', `/api/v1/complaints/${a.id}/history`, { as: 'agent' })).json();
    expect(history.filter((e: { action: string }) => e.action === 'compensation-given')).toHaveLength(2);

    h.clock.advance(1000); // the period ends now, excluded
    const cost = async (qs: string) => {
      const res = await h.request('GET', `/api/v1/admin/analytics/compensation-cost?${qs}`, { as: 'lead' });
      expect(res.statusCode).toBe(200);
      return res
        .json()
        .groups.map((g: Record<string, unknown>) => [
          g.key,
          g.currency,
          g.amountMinor,
          g.points,
          g.compensations,
          g.complaints,
        ]);
    };
    expect(await cost('groupBy=category')).toEqual([
      ['product-quality', 'CNY', 179900, 0, 2, 2],
      ['delivery', 'CNY', 5000, 0, 1, 1],
      ['product-quality', 'EUR', 1000, 0, 1, 1],
      ['product-quality', null, 0, 500, 1, 1],
    ]);
    expect(await cost('groupBy=store&storeId=CS-001')).toEqual([
      ['CS-001', 'CNY', 64900, 0, 2, 2],
      ['CS-001', null, 0, 500, 1, 1],
    ]);
    expect(
      (await h.request('GET', '/api/v1/admin/analytics/compensation-cost?groupBy=owner', { as: 'lead' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await h.request('GET', '/api/v1/admin/analytics/compensation-cost', { as: 'agent' })).statusCode,
    ).toBe(403);
  });

  it('refuses what the kind does not allow, naming the field', async () => {
    const a = await create({});
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'refund' }, 'amountMinor'],
      [{ kind: 'refund', amountMinor: 100 }, 'currency'],
      [{ kind: 'voucher', amountMinor: 100, currency: 'cny' }, 'currency'],
      [{ kind: 'refund', amountMinor: 12.5, currency: 'CNY' }, 'amountMinor'],
      [{ kind: 'goodwill-points' }, 'points'],
      [{ kind: 'cash' }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await give(a.id, body);
      expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, field]);
    }
    expect(
      (await give('0190a5b0-0000-7000-8000-000000000000', { kind: 'goodwill-points', points: 1 })).statusCode,
    ).toBe(404);
  });
});
