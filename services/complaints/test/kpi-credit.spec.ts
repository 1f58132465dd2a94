import { DAY_MS, HOUR_MS } from '@cx/platform';
import { validComplaint } from '@cx/testing';
import { ComplaintsHarness } from './support';

describe('KPIs per department and owner, the owner at resolution credited (real Postgres and NATS)', () => {
  let h: ComplaintsHarness;

  beforeAll(async () => {
    h = await ComplaintsHarness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const file = async (over: Record<string, unknown>, sub: string) =>
    (
      await h.request('POST', '/api/v1/complaints', {
        as: 'agent',
        sub,
        body: validComplaint({ receivedAt: h.clock.now().toISOString(), ...over }),
      })
    ).json();
  const kpis = async (qs: string) => {
    const res = await h.request('GET', `/api/v1/admin/analytics/kpis?${qs}`, { as: 'lead' });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('credits the owner at resolution, not the owner after a later transfer, and filters by department', async () => {
    const solved = await file({ storeId: 'KC-1' }, 'owner-a');
    await h.request('POST', `/api/v1/complaints/${solved.id}/status`, {
      as: 'agent',
      sub: 'owner-a',
      body: { status: 'resolved', summary: 'Replaced' },
    });
    await h.request('POST', `/api/v1/complaints/${solved.id}/transfer`, {
      as: 'lead',
      body: { toOwnerId: 'owner-b', reason: 'owner-a moved to another store' },
    });
    const open = await file({ storeId: 'KC-1', category: 'delivery' }, 'owner-b');
    h.clock.advance(HOUR_MS);

    const a = await kpis('storeId=KC-1&ownerId=owner-a');
    expect(a.filters).toMatchObject({ storeId: 'KC-1', ownerId: 'owner-a' });
    expect([a.received, a.resolutionRate.numerator]).toEqual([1, 1]);
    const b = await kpis('storeId=KC-1&ownerId=owner-b');
    expect([b.received, b.resolutionRate.numerator]).toEqual([1, 0]); // only the open one it owns now
    expect(open.ownerId).toBe('owner-b');

    const logistics = await kpis('storeId=KC-1&department=logistics');
    expect(logistics.received).toBe(1);
    expect((await kpis('storeId=KC-1&department=quality')).received).toBe(1);
    expect(
      (await h.request('GET', '/api/v1/admin/analytics/kpis?department=Not A Code', { as: 'lead' }))
        .statusCode,
    ).toBe(400);
  });

  it('holds the repeat rate to half the rate of the same period a year earlier', async () => {
    const customer = { complainant: { name: 'Wang Fang', phone: '+86 139 0000 1111' } };
    // A year earlier: 2 complaints, 1 a repeat (50%).
    await file({ storeId: 'KC-2', ...customer }, 'owner-c');
    await file({ storeId: 'KC-2', ...customer }, 'owner-c');
    h.clock.advance(365 * DAY_MS);
    // Now: 2 complaints of other customers, no repeat.
    await file({ storeId: 'KC-2', complainant: { name: 'Li', phone: '+86 139 0000 2222' } }, 'owner-c');
    await file({ storeId: 'KC-2', complainant: { name: 'Zhao', phone: '+86 139 0000 3333' } }, 'owner-c');
    h.clock.advance(HOUR_MS);
    const k = await kpis('storeId=KC-2');
    expect(k.repeatRateYearBefore).toMatchObject({ rate: 0.5, numerator: 1, denominator: 2 });
    expect(k.repeatRate).toMatchObject({
      rate: 0,
      meetsTarget: true,
      target: { operator: '<=', value: 0.25 },
    });
  });
});
