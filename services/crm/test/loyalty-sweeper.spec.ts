// The loyalty sweeper with two replicas on one database: each due lot is released, expired and reminded once.
import { Subjects, uuidv7 } from '@cx/contracts';
import { DAY_MS, ManualClock, Transactions } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { LoyaltyService, PurchaseForLoyalty } from '../src/loyalty/loyalty.service';
import { LoyaltySweeper } from '../src/loyalty/loyalty.sweeper';
import { crmService } from '../src/service';

const T0 = new Date('2026-11-01T02:00:00.000Z');
const CUSTOMERS = 30;

describe('loyalty sweeper with two replicas (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  const clock = new ManualClock(T0);
  const env = { LOYALTY_SWEEP_INTERVAL_MS: '86400000', LOYALTY_SWEEP_BATCH: '4' };

  beforeAll(async () => {
    h = await startService(crmService, { clock, env });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('releases, reminds and expires each lot once while two replicas sweep at the same time', async () => {
    const purchases: PurchaseForLoyalty[] = Array.from({ length: CUSTOMERS }, (_, i) => ({
      purchaseId: uuidv7(),
      customerId: uuidv7(),
      storeId: 'SH-001',
      orderId: `SO-R-${i}`,
      paidAmountMinor: 10_000,
      currency: 'CNY',
      purchasedAt: T0,
      deliveredAt: T0,
      lines: [{ category: 'outerwear', quantity: 1, unitPriceMinor: 10_000 }],
    }));
    // One batch, as the purchases module's bulk ingest calls it.
    await h.get(Transactions).run((em) => h.get(LoyaltyService).recordPurchases(em, purchases));
    const ids = purchases.map((p) => p.customerId);
    const b = await h.replica();
    try {
      const sweepers = [h.get(LoyaltySweeper), b.app.get(LoyaltySweeper)];
      const sweepBoth = async (at: Date) => {
        clock.set(at);
        return Promise.all([...sweepers, ...sweepers].map((s) => s.sweepOnce(at)));
      };

      const released = await sweepBoth(new Date(T0.getTime() + 7 * DAY_MS));
      expect(released.reduce((n, c) => n + c.released, 0)).toBe(CUSTOMERS);
      expect(released.filter((c) => c.released > 0).length).toBeGreaterThan(1); // they shared the rows

      const reminded = await sweepBoth(new Date(T0.getTime() + (7 + 335) * DAY_MS));
      expect(reminded.reduce((n, c) => n + c.reminded, 0)).toBe(CUSTOMERS);

      const expired = await sweepBoth(new Date(T0.getTime() + (7 + 365) * DAY_MS));
      expect(expired.reduce((n, c) => n + c.expired, 0)).toBe(CUSTOMERS);
    } finally {
      await b.stop();
    }
    const perKind = await h.sql<{ kind: string; lots: number; entries: number }>(
      `SELECT kind, count(DISTINCT lot_id)::int AS lots, count(*)::int AS entries FROM points_entry
        WHERE customer_id = ANY($1::uuid[]) GROUP BY kind ORDER BY kind`,
      [ids],
    );
    expect(perKind).toEqual([
      { kind: 'earn', lots: CUSTOMERS, entries: CUSTOMERS },
      { kind: 'expire', lots: CUSTOMERS, entries: CUSTOMERS },
      { kind: 'release', lots: CUSTOMERS, entries: CUSTOMERS },
    ]);
    const reminders = (await h.outbox(Subjects.crm.pointsExpiring)).filter((e) =>
      ids.includes(e.data.customerId),
    );
    expect(new Set(reminders.map((e) => e.data.customerId)).size).toBe(CUSTOMERS);
    expect(reminders).toHaveLength(CUSTOMERS);
    const off = await h.sql(
      `SELECT b.customer_id FROM points_balance b
         JOIN (SELECT customer_id, sum(available_delta) a, sum(pending_delta) p, sum(debt_delta) d
                 FROM points_entry GROUP BY customer_id) s ON s.customer_id = b.customer_id
        WHERE b.customer_id = ANY($1::uuid[]) AND (b.available <> s.a OR b.pending <> s.p OR b.debt <> s.d
              OR b.available <> 0 OR b.pending <> 0)`,
      [ids],
    );
    expect(off).toEqual([]);
  });
});
