// The closed loop between the five real services, each a separate OS process as `npm start` runs it,
// on this run's own databases and NATS namespace: every flow of issue 16 item 1 end to end, driven and
// checked through the public HTTP APIs (the one exception is said where it is made). One platform is
// shared by the flows of this file; each flow has its own customer, employee or store.
import { ProcessPlatform, waitFor } from '@cx/testing';
import {
  answer,
  buyPhone,
  complaint,
  failAudit,
  fileComplaint,
  hire,
  invitationAbout,
  invitationsAbout,
  LoopSetup,
  newCustomer,
  pointsOf,
  recordPurchase,
  remedialEnrolments,
  repairPhone,
  resolveComplaint,
  returnOrder,
  scorecardOf,
  setUpLoop,
  shanghaiMonth,
  tag,
  tierOf,
  warrantiesOf,
} from './loop-flows';

const HOP_MS = 30_000;

describe('the closed loop across the five service processes', () => {
  let p: ProcessPlatform;
  let setup: LoopSetup;

  beforeAll(async () => {
    p = await ProcessPlatform.start({ serviceEnv: { complaints: { SLA_SWEEP_INTERVAL_MS: '1000' } } });
    setup = await setUpLoop(p);
  }, 300_000);

  afterAll(async () => {
    await p?.stop();
  }, 60_000);

  /** A failing expectation says what the services printed. */
  const withLogs = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (e) {
      if (e instanceof Error) e.message += `\n${p.logs()}`;
      throw e;
    }
  };

  it('a purchase registers its warranty in aftersales and pending points in crm; five make the customer gold', async () => {
    await withLogs(async () => {
      const customerId = await newCustomer(p);
      const storeId = `ST-${tag()}`;
      const orderId = await recordPurchase(p, customerId, { amountMinor: 120_000, storeId });
      const [warranty] = await waitFor(
        async () => {
          const list = await warrantiesOf(p, orderId);
          return list.length ? list : undefined;
        },
        HOP_MS,
        'the warranty',
      );
      expect(warranty).toMatchObject({ customerId, orderId });
      const points = await pointsOf(p, customerId);
      expect(points.pending).toBeGreaterThan(0);
      expect(points.available).toBe(0);
      expect(await tierOf(p, customerId)).toBe('standard');
      for (let i = 0; i < 4; i++) await recordPurchase(p, customerId, { amountMinor: 120_000, storeId });
      expect(await tierOf(p, customerId)).toBe('gold');
      // The store's orders are what complaints divides its complaint rate by.
      const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
      await waitFor(
        async () =>
          (
            await p.ok(
              'complaints',
              'GET',
              `/api/v1/admin/analytics/kpis?from=${day(-1)}&to=${day(1)}&storeId=${storeId}`,
              {
                as: 'lead',
              },
            )
          ).orders === 5,
        HOP_MS,
        "complaints counts the store's five orders",
      );
    });
  });

  it("a gold customer's complaint gets the raised priority; resolved, surveys invites; dissatisfied reopens and escalates", async () => {
    await withLogs(async () => {
      const customerId = await newCustomer(p);
      const standardId = await newCustomer(p);
      for (let i = 0; i < 5; i++) await recordPurchase(p, customerId, { amountMinor: 120_000 });
      // complaints learns the tier from crm's event: a complaint filed after it arrived is VIP.
      const owner = `E${tag()}`;
      const plain = await fileComplaint(p, standardId, owner);
      const vip = await waitFor(
        async () => {
          const c = await fileComplaint(p, customerId, owner);
          return c.isVip ? c : undefined;
        },
        HOP_MS,
        'a VIP complaint',
      );
      // Same case, same channel: the tier alone raises it one step (P3 -> P2).
      expect(plain.isVip).toBe(false);
      expect(Number(vip.priority.slice(1))).toBe(Number(plain.priority.slice(1)) - 1);

      await resolveComplaint(p, vip.id, owner);
      const inv = await invitationAbout(p, vip.id, HOP_MS);
      expect(inv).toMatchObject({ customerId, trigger: 'complaint-resolved', subjectType: 'complaint' });
      await answer(p, inv, false);
      const reopened = await waitFor(
        async () => {
          const c = await complaint(p, vip.id);
          return c.status === 'reopened' ? c : undefined;
        },
        HOP_MS,
        'the complaint reopened',
      );
      expect(reopened.escalationLevel).toBeGreaterThan(vip.escalationLevel);
      expect(await invitationsAbout(p, vip.id)).toHaveLength(1);
    });
  });

  it('a satisfied answer closes the resolved complaint', async () => {
    await withLogs(async () => {
      const customerId = await newCustomer(p);
      const owner = `E${tag()}`;
      const c = await fileComplaint(p, customerId, owner);
      await resolveComplaint(p, c.id, owner);
      await answer(p, await invitationAbout(p, c.id, HOP_MS), true);
      await waitFor(
        async () => (await complaint(p, c.id)).status === 'closed',
        HOP_MS,
        'the complaint closed',
      );
    });
  });

  it("an SLA breach and the survey answer both land on the owner's monthly scorecard", async () => {
    await withLogs(async () => {
      const owner = `E${tag()}`;
      await hire(p, owner);
      const customerId = await newCustomer(p);
      // The facts are stamped with the services' real time (the sweep's breaches, the answer) and
      // bucketed by the store's zone: the month now, or also the next one if the test crosses its end.
      const firstMonth = shanghaiMonth(new Date());
      // Received ten days ago (the complaint box emptied late): every first-response target has passed.
      const c = await fileComplaint(p, customerId, owner, {
        receivedAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      });
      // The sweeper records both missed clocks (first response and resolution) as breaches.
      await waitFor(
        async () => {
          const history = await p.ok<{ action: string }[]>(
            'complaints',
            'GET',
            `/api/v1/complaints/${c.id}/history`,
            {
              as: 'agent',
            },
          );
          return history.filter((h) => h.action === 'sla-breached').length === 2;
        },
        HOP_MS,
        'both SLA clocks breached',
      );
      await resolveComplaint(p, c.id, owner);
      await answer(p, await invitationAbout(p, c.id, HOP_MS), true);
      const months = [...new Set([firstMonth, shanghaiMonth(new Date())])];
      const total = (cards: ({ figures: Record<string, number> } | undefined)[], figure: string) =>
        cards.reduce((n, card) => n + (card?.figures[figure] ?? 0), 0);
      const cards = await waitFor(
        async () => {
          const found = await Promise.all(months.map((month) => scorecardOf(p, month, owner)));
          return total(found, 'breaches') >= 2 && total(found, 'responses') >= 1 ? found : undefined;
        },
        HOP_MS,
        `${owner}'s scorecard of ${months.join(' and ')} with the breach and the answer`,
      );
      expect(['breaches', 'responses', 'resolved'].map((figure) => total(cards, figure))).toEqual([2, 1, 1]);
      expect(cards.find((card) => card?.figures.responses === 1)?.figures.satisfactionPct).toBe(100);
    });
  });

  it('a failed mystery-shopper audit enrols the staff on duty in the remedial course', async () => {
    await withLogs(async () => {
      const store = `ST-${tag()}`;
      const staff = [`E${tag()}`, `E${tag()}`];
      for (const e of staff) await hire(p, e, store);
      const audit = await failAudit(p, setup, store, staff);
      expect(audit).toMatchObject({ status: 'completed', passed: false });
      for (const e of staff) {
        const enrolled = await waitFor(
          async () => {
            const list = await remedialEnrolments(p, e);
            return list.length ? list : undefined;
          },
          HOP_MS,
          `${e} enrolled`,
        );
        expect(enrolled).toEqual([expect.objectContaining({ courseId: setup.remedialCourseId })]);
      }
    });
  });

  it('a completed return refunds and reverses the points in crm, and the tier is kept until review', async () => {
    await withLogs(async () => {
      const customerId = await newCustomer(p);
      const orders: string[] = [];
      for (let i = 0; i < 5; i++) orders.push(await recordPurchase(p, customerId, { amountMinor: 120_000 }));
      expect(await tierOf(p, customerId)).toBe('gold');
      await waitFor(
        async () => (await warrantiesOf(p, orders[0])).length > 0,
        HOP_MS,
        'aftersales has the order',
      );
      const before = await pointsOf(p, customerId);
      const done = await returnOrder(p, orders[0]);
      expect(done).toMatchObject({ status: 'completed', refundAmountMinor: 120_000 });
      const after = await waitFor(
        async () => {
          const pts = await pointsOf(p, customerId);
          return pts.pending + pts.available < before.pending + before.available ? pts : undefined;
        },
        HOP_MS,
        "crm reverses the returned order's points",
      );
      expect(before.pending + before.available - (after.pending + after.available)).toBeGreaterThan(0);
      // Four purchases left are below gold's five, but a refund alone never lowers a tier.
      expect(await tierOf(p, customerId)).toBe('gold');
    });
  });

  it('a repair completion triggers the return-visit survey', async () => {
    await withLogs(async () => {
      const customerId = await newCustomer(p);
      const { orderId, serialNumber } = await buyPhone(p, customerId);
      await waitFor(async () => (await warrantiesOf(p, orderId)).length > 0, HOP_MS, 'the phone warranty');
      const repair = await repairPhone(p, serialNumber);
      expect(repair).toMatchObject({ status: 'completed', customerId });
      const inv = await invitationAbout(p, repair.id, HOP_MS);
      expect(inv).toMatchObject({ customerId, trigger: 'repair-completed', subjectType: 'repair' });
    });
  });

  it("an erasure in crm reaches every service's copy", async () => {
    await withLogs(async () => {
      const customerId = await newCustomer(p);
      const owner = `E${tag()}`;
      const orderId = await recordPurchase(p, customerId);
      await waitFor(async () => (await warrantiesOf(p, orderId)).length > 0, HOP_MS, 'the warranty');
      const c = await fileComplaint(p, customerId, owner, {
        complainant: { name: 'Wang Fang', phone: '+86 139 0021 7788', email: 'wang.fang@example.cn' },
      });
      await resolveComplaint(p, c.id, owner);
      await answer(p, await invitationAbout(p, c.id, HOP_MS), false);

      await p.ok('crm', 'POST', `/api/v1/customers/${customerId}/erasure`, {
        as: 'system',
        body: { reason: 'customer request', requestedBy: 'dpo-1' },
      });
      const profile = await p.ok('crm', 'GET', `/api/v1/customers/${customerId}?purpose=erasure-check`, {
        as: 'agent',
      });
      expect(profile).toMatchObject({ name: null, phone: null, email: null });
      expect(profile.erasedAt).not.toBeNull();
      await waitFor(
        async () => (await complaint(p, c.id)).complainant.name === null,
        HOP_MS,
        "complaints' complainant scrubbed",
      );
      expect((await complaint(p, c.id)).complainant).toEqual({ name: null, phone: null, email: null });
      await waitFor(
        async () => (await warrantiesOf(p, orderId)).every((w) => w.customerId === null),
        HOP_MS,
        "aftersales' warranties without the customer",
      );
      await waitFor(
        async () => (await invitationsAbout(p, c.id)).every((i) => i.customerId === null),
        HOP_MS,
        "surveys' invitation without the customer",
      );
      // Training's copy (scorecard facts) has no API that shows a customer: read its database.
      await waitFor(
        async () =>
          (
            await p.sql(
              'training',
              `SELECT 1 FROM scorecard_fact WHERE customer_id = $1 UNION ALL SELECT 1 FROM complaint_copy WHERE customer_id = $1`,
              [customerId],
            )
          ).length === 0,
        HOP_MS,
        "training's facts without the customer",
      );
    });
  });
});
