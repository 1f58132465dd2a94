// The move of complaints' Idempotency-Keys into the platform's table, on a database migrated before it.
import {
  BaseConfig,
  dataSourceOptions,
  IdempotencyKeyReusedError,
  IdempotencyKeys,
  ManualClock,
  migrate,
  PLATFORM_MIGRATIONS,
  requestHash,
} from '@cx/platform';
import { createTestDatabase } from '@cx/testing';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ComplaintEntity } from '../src/complaint/complaint.entity';
import { toView } from '../src/complaint/complaint.view';
import { complaintsMigrations } from '../src/database/migrations';

const UPGRADE = 1763900000003;
const timestampOf = (m: { name: string }) => Number(m.name.slice(-13));

describe('complaint Idempotency-Keys moved to the platform (migration 1763900000003)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('keeps the first answer of keys stored before the upgrade, and drops the old table', async () => {
    // The database as the service left it before the platform kept the keys.
    const before = new DataSource({
      ...dataSourceOptions({ url: db.url }),
      migrations: [
        ...PLATFORM_MIGRATIONS.filter((m) => timestampOf(m) < 1763800000003),
        ...complaintsMigrations.filter((m) => timestampOf(m) < UPGRADE),
      ],
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const insertComplaint = (c: Record<string, unknown>) =>
      before.query(
        `INSERT INTO complaint (id, reference, channel, category, urgency, importance, priority, is_major,
           departments, customer_tier, customer_id, store_id, description, status, owner_id, received_at,
           recorded_at, recorded_by, first_response_due_at, resolution_due_at, resolution_clock_started_at,
           first_response_hours, resolution_hours, escalation_level, updated_at)
         VALUES ($1, $2, 'phone', 'product-quality', 'high', 'medium', 'P2', false, $3, $4, $5, 'S-01',
           'the zip broke', 'in-progress', 'agent-7', '2026-07-31T08:15:00.123Z', '2026-07-31T08:16:00Z',
           'pos-1', '2026-07-31T20:15:00.123Z', $6, '2026-07-31T08:15:00.123Z', 12, 48, 1,
           '2026-07-31T09:00:00Z')`,
        [c.id, c.reference, c.departments, c.tier, c.customerId, c.resolutionDueAt],
      );
    const vip = { id: randomUUID(), reference: 'C-2026-000001', departments: ['quality', 'stores'] };
    await insertComplaint({
      ...vip,
      tier: 'gold',
      customerId: randomUUID(),
      resolutionDueAt: '2026-08-02T08:15:00Z',
    });
    const plain = { id: randomUUID(), reference: 'C-2026-000002', departments: [] };
    await insertComplaint({ ...plain, tier: null, customerId: null, resolutionDueAt: null });

    // The old code hashed JSON.stringify of the validated body, key order as sent.
    const body = { channel: 'phone', category: 'product-quality', description: 'the zip broke' };
    const oldHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    expect(oldHash).not.toBe(requestHash(body)); // so the test shows the legacy hash is honoured
    await before.query(
      `INSERT INTO idempotency_key (principal, key, request_hash, complaint_id, created_at) VALUES
         ('pos-1', 'k-vip', $1, $2, '2026-07-31T08:16:00Z'),
         ('pos-1', 'k-plain', $1, $3, '2026-07-31T08:16:00Z'),
         ('pos-1', 'k-gone', $1, $4, '2026-07-31T08:16:00Z')`,
      [oldHash, vip.id, plain.id, randomUUID()],
    );
    await before.destroy();

    // The upgrade, as a service start runs it.
    await migrate({ url: db.url, migrations: complaintsMigrations });
    ds = await new DataSource(dataSourceOptions({ url: db.url, entities: [ComplaintEntity] })).initialize();
    expect(await ds.query(`SELECT to_regclass('idempotency_key') AS t`)).toEqual([{ t: null }]);

    const rows: { key: string; status: number; body: Record<string, unknown>; resourceId: string }[] =
      await ds.query(
        `SELECT key, status, body, resource_id AS "resourceId" FROM idempotent_request ORDER BY key`,
      );
    expect(rows.map((r) => r.key)).toEqual(['k-plain', 'k-vip']); // a key without its complaint is not kept
    const [{ vipTiers }] = await ds.query(`SELECT vip_tiers AS "vipTiers" FROM complaint_policy`);
    for (const [row, id] of [
      [rows[0], plain.id],
      [rows[1], vip.id],
    ] as const) {
      const complaint = await ds.getRepository(ComplaintEntity).findOneByOrFail({ id });
      const view: Record<string, unknown> = { ...toView(complaint, vipTiers) };
      // The service's own answer, field for field and in its order: the 34 fields the view had when the
      // keys moved (a field added to the view since is not in rows copied before it).
      const fields = Object.keys(row.body);
      expect(fields).toHaveLength(34);
      expect(fields).toEqual(Object.keys(view).filter((f) => f in row.body));
      expect(row.body).toEqual(Object.fromEntries(fields.map((f) => [f, view[f]])));
      expect(row).toMatchObject({ status: 201, resourceId: id });
    }
    expect(rows[1].body).toMatchObject({ isVip: true, departments: ['quality', 'stores'] });

    // A retry sent across the upgrade gets its first answer; another body under the key is refused.
    const keys = new IdempotencyKeys(ds, new ManualClock('2026-07-31T08:20:00Z'), new BaseConfig());
    const notAgain = () => Promise.reject(new Error('a retry must not create'));
    const retry = await ds.transaction((em) =>
      keys.run(em, { caller: 'pos-1', key: 'k-vip', body }, notAgain),
    );
    expect(retry).toEqual({ status: 200, body: rows[1].body, replayed: true });
    await expect(
      ds.transaction((em) =>
        keys.run(em, { caller: 'pos-1', key: 'k-vip', body: { ...body, description: 'x' } }, notAgain),
      ),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });
});
