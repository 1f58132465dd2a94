// Migration 1763900000004 on a database with complaints from before it: each keeps the calendar of the
// rule it matches, and the escalation levels its case file shows, per cause.
import { dataSourceOptions, PLATFORM_MIGRATIONS } from '@cx/platform';
import { createTestDatabase } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { complaintsMigrations } from '../src/database/migrations';

const UPGRADE = 1763900000004;
const timestampOf = (m: { name: string }) => Number(m.name.slice(-13));

describe('the promised SLA and per-cause escalation levels (migration 1763900000004)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('backfills the calendar of business-hours rules and the levels of each cause from the case file', async () => {
    const before = new DataSource({
      ...dataSourceOptions({ url: db.url }),
      migrations: [...PLATFORM_MIGRATIONS, ...complaintsMigrations.filter((m) => timestampOf(m) < UPGRADE)],
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const weekly = { '1': [{ from: '09:00', to: '17:00' }] };
    await before.query(
      `INSERT INTO store_calendar (store_id, time_zone, weekly, holidays) VALUES ('UP-1', 'Europe/Berlin', $1, '{2026-12-25}')`,
      [JSON.stringify(weekly)],
    );
    const boxRule = randomUUID();
    await before.query(
      `INSERT INTO sla_rule (id, priority, channel, tier, first_response_hours, resolution_hours, business_hours) VALUES
         ($1, NULL, 'store-box', NULL, 4, 16, true), ($2, 'P3', 'store-box', NULL, 8, 32, false)`,
      [boxRule, randomUUID()],
    );
    const insert = (id: string, channel: string, priority: string, storeId: string) =>
      before.query(
        `INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major, store_id,
           description, status, owner_id, received_at, recorded_at, recorded_by, first_response_due_at,
           resolution_due_at, resolution_clock_started_at, first_response_hours, resolution_hours, escalation_level,
           updated_at)
         VALUES ($1, $5, $2, 'product-quality', 'high', 'medium', $3, false, $4, 'the zip broke', 'reopened', 'E1',
           '2026-03-02T09:00:00Z', '2026-03-02T09:00:00Z', 'E1', '2026-03-02T13:00:00Z', '2026-03-20T17:00:00Z',
           '2026-03-10T09:00:00Z', 4, 16, 3, '2026-03-10T09:00:00Z')`,
        [id, channel, priority, storeId, `C-UP-${channel}-${priority}`],
      );
    const box = randomUUID(); // P2 store-box: the business-hours rule (the P3 one does not match)
    const specific = randomUUID(); // P3 store-box: the more specific rule, around the clock
    const hotline = randomUUID(); // no rule: the defaults
    await insert(box, 'store-box', 'P2', 'UP-1');
    await insert(specific, 'store-box', 'P3', 'UP-1');
    await insert(hotline, 'hotline', 'P3', 'UP-1');
    const escalated = (at: string, details: Record<string, unknown>) =>
      before.query(
        `INSERT INTO complaint_history (complaint_id, at, actor_id, action, details) VALUES ($1, $2, 'x', 'escalated', $3)`,
        [box, at, JSON.stringify(details)],
      );
    await escalated('2026-03-03T13:00:01Z', { level: 1, to: 'owner-lead', clock: 'first-response' });
    await escalated('2026-03-04T17:00:01Z', { level: 1, to: 'owner-lead', clock: 'resolution' });
    await escalated('2026-03-05T17:00:01Z', { level: 2, to: 'management', clock: 'resolution' });
    await escalated('2026-03-10T09:00:00Z', { level: 3, to: 'management', why: 'reopened 3 times' });
    await before.destroy();

    ds = new DataSource({
      ...dataSourceOptions({ url: db.url }),
      migrations: [...PLATFORM_MIGRATIONS, ...complaintsMigrations],
    });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const rows = await ds.query<Record<string, unknown>[]>(
      `SELECT id, sla_rule_id, sla_calendar, escalation_levels FROM complaint`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(box)).toMatchObject({
      sla_rule_id: boxRule,
      sla_calendar: { timeZone: 'Europe/Berlin', weekly, holidays: ['2026-12-25'] },
      // The solution clock's levels before the reopening belonged to the round before.
      escalation_levels: { 'first-response-sla': 1, 'reopened-too-often': 1 },
    });
    expect(byId.get(specific)).toMatchObject({ sla_calendar: null, escalation_levels: {} });
    expect(byId.get(specific)?.sla_rule_id).not.toBeNull();
    expect(byId.get(hotline)).toMatchObject({ sla_rule_id: null, sla_calendar: null });
  });
});
