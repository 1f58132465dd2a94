import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { DataSource } from 'typeorm';
import { ReturnSurveyAnswers1796529264000 } from '../src/database/migrations/1796529264000-ReturnSurveyAnswers';
import { WarrantyPerUnit1796529263900 } from '../src/database/migrations/1796529263900-WarrantyPerUnit';
import { aftersalesService } from '../src/service';

/** Warranties and survey answers stored before a warranty per item: the migrations carry them over. */
describe('migrating to a warranty per item and to return survey answers (real Postgres)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(aftersalesService, { clock: new ManualClock('2026-11-05T02:00:00Z') });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('gives a line registered as one warranty its missing items, and keeps repair answers as repairs', async () => {
    const q = h.get(DataSource).createQueryRunner();
    try {
      await new ReturnSurveyAnswers1796529264000().down(q);
      await new WarrantyPerUnit1796529263900().down(q);
      await h.sql(
        `INSERT INTO warranty (id, order_id, line_id, customer_id, store_id, sku, category, product_name,
           serial_number, quantity, unit_price_minor, currency, warranty_class, term_months, purchased_at,
           delivered_at, starts_at, ends_at, status, created_at)
         VALUES ('0189a6e2-7c3b-7d4e-8f00-123456789abc', 'SO-OLD', '1', NULL, 'SH-001', 'JK', 'outerwear',
           'Jacket', 'SN-1', 3, 100, 'CNY', 'general', 12, '2026-11-01T02:00:00Z', NULL,
           '2026-11-01T02:00:00Z', '2027-11-01T02:00:00Z', 'active', '2026-11-01T02:00:00Z')`,
      );
      await h.sql(
        `INSERT INTO survey_answer (response_id, repair_id, store_id, satisfied, submitted_at)
         VALUES (gen_random_uuid(), 'repair-1', 'SH-001', true, now())`,
      );
      await new WarrantyPerUnit1796529263900().up(q);
      await new ReturnSurveyAnswers1796529264000().up(q);
    } finally {
      await q.release();
    }
    expect(
      await h.sql(
        `SELECT id, unit, serial_number, ends_at FROM warranty WHERE order_id = 'SO-OLD' ORDER BY unit`,
      ),
    ).toEqual([
      {
        id: '0189a6e2-7c3b-7d4e-8f00-123456789abc',
        unit: 1,
        serial_number: 'SN-1',
        ends_at: new Date('2027-11-01T02:00:00Z'),
      },
      {
        id: '0189a6e2-7c3b-7d4e-8f00-123400000002',
        unit: 2,
        serial_number: null,
        ends_at: new Date('2027-11-01T02:00:00Z'),
      },
      {
        id: '0189a6e2-7c3b-7d4e-8f00-123400000003',
        unit: 3,
        serial_number: null,
        ends_at: new Date('2027-11-01T02:00:00Z'),
      },
    ]);
    expect(await h.sql(`SELECT kind, subject_id FROM survey_answer`)).toEqual([
      { kind: 'repair', subject_id: 'repair-1' },
    ]);
  });
});
