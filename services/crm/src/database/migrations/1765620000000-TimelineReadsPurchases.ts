import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeline reads crm's purchases from the purchase table when it is read (ADR 21), as it reads the
 * points ledger: the copies its consumer made of evt.crm.purchase.recorded.v1 would show every purchase
 * twice. `down` copies them back, as the consumer wrote them (an entry per purchase, under its id).
 */
export class TimelineReadsPurchases1765620000000 implements MigrationInterface {
  name = 'TimelineReadsPurchases1765620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM timeline_entry WHERE kind = 'purchase' AND source = 'crm'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO timeline_entry (id, customer_id, kind, occurred_at, source, reference_id, summary, recorded_at)
      SELECT p.id, p.customer_id, 'purchase', p.purchased_at, 'crm', p.id::text,
             jsonb_build_object('orderId', p.order_id, 'storeId', p.store_id, 'channel', p.channel,
                                'paidAmountMinor', p.paid_amount_minor, 'currency', p.currency,
                                'lines', (SELECT count(*)::int FROM purchase_line l WHERE l.purchase_id = p.id)),
             p.recorded_at
        FROM purchase p
      ON CONFLICT (kind, reference_id) DO NOTHING`);
  }
}
