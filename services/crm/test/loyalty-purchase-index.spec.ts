// The queries that filter purchases by time across all customers use the purchased_at index
// (migration LoyaltyPurchaseTimeIndex): plans checked with EXPLAIN on a few thousand purchases.
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { REPURCHASE_SQL } from '../src/analytics/analytics.repository';
import { PURCHASE_STATS_SQL } from '../src/care/care.repository';
import { crmService } from '../src/service';

const NOW = Date.UTC(2026, 10, 20);
const DAY = 86_400_000;
const INDEX = 'loyalty_purchase_purchased_at';

describe('loyalty purchases by time (real Postgres)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(crmService, { clock: new ManualClock(new Date(NOW).toISOString()) });
    // 5,000 purchases of 1,000 customers over three years, one in ten fully refunded.
    await h.sql(
      `INSERT INTO loyalty_purchase (purchase_id, customer_id, order_id, paid_amount_minor, refunded_minor,
         purchased_at, special_window, recorded_at)
       SELECT gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad((i % 1000)::text, 12, '0'))::uuid, 'SO-' || i,
              5000, CASE WHEN i % 10 = 0 THEN 5000 ELSE 0 END,
              $1::timestamptz - i * interval '1 day' * 1095 / 5000, false, $1::timestamptz
         FROM generate_series(1, 5000) i`,
      [new Date(NOW).toISOString()],
    );
    await h.sql(`ANALYZE loyalty_purchase`);
  });
  afterAll(() => h?.stop());

  it('has the index, valid', async () => {
    const rows = await h.sql<{ valid: boolean; def: string }>(
      `SELECT i.indisvalid AS valid, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1`,
      [INDEX],
    );
    expect(rows).toEqual([{ valid: true, def: expect.stringContaining('(purchased_at)') as string }]);
  });

  it("reads a year of monthly repurchase spans, and the year before, through it (the analytics' query)", async () => {
    const months = (year: number) =>
      Array.from({ length: 12 }, (_, m) => [Date.UTC(year, m, 1), Date.UTC(year, m + 1, 1)]);
    const spans = [...months(2026), ...months(2025)];
    const found = await h.plan(REPURCHASE_SQL, [
      spans.map(([lo]) => new Date(lo).toISOString()),
      spans.map(([, hi]) => new Date(hi).toISOString()),
    ]);
    expect(found).toContain(INDEX);
    expect(found).not.toContain('Seq Scan on loyalty_purchase');
  });

  it("reads a 12-month and a 90-day RFM window through it (care's query); two of three years, the table", async () => {
    for (const days of [365, 90])
      expect(await h.plan(PURCHASE_STATS_SQL, [new Date(NOW - days * DAY).toISOString()])).toContain(INDEX);
    // Two thirds of the rows: reading the table is cheaper, and the planner says so.
    expect(await h.plan(PURCHASE_STATS_SQL, [new Date(NOW - 730 * DAY).toISOString()])).toContain(
      'Seq Scan on loyalty_purchase',
    );
  });
});
