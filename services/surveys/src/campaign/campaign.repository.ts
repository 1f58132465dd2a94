import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignEntity } from './campaign.entity';

/** The only place that touches segment_member and campaign. */
@Injectable()
export class CampaignRepository {
  constructor(private readonly dataSource: DataSource) {}

  async join(em: EntityManager, segment: string, customerId: string, at: Date): Promise<void> {
    await em.query(
      `INSERT INTO segment_member (segment, customer_id, since) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [segment, customerId, at],
    );
  }

  async leave(em: EntityManager, segment: string, customerId: string): Promise<void> {
    await em.query(`DELETE FROM segment_member WHERE segment = $1 AND customer_id = $2`, [
      segment,
      customerId,
    ]);
  }

  async forgetCustomer(em: EntityManager, customerId: string): Promise<void> {
    await em.query(`DELETE FROM segment_member WHERE customer_id = $1`, [customerId]);
  }

  /**
   * crm merged two records of one person: the merged id's segment memberships become the survivor's
   * (one row per segment when both were members, the earlier `since` kept).
   */
  async followMerge(em: EntityManager, survivorId: string, mergedId: string): Promise<void> {
    await em.query(
      `INSERT INTO segment_member (segment, customer_id, since)
         SELECT segment, $1, since FROM segment_member WHERE customer_id = $2
       ON CONFLICT (segment, customer_id) DO UPDATE SET since = LEAST(segment_member.since, EXCLUDED.since)`,
      [survivorId, mergedId],
    );
    await em.query(`DELETE FROM segment_member WHERE customer_id = $1`, [mergedId]);
  }

  async members(em: EntityManager, segment: string): Promise<string[]> {
    const rows: { customer_id: string }[] = await em.query(
      `SELECT customer_id FROM segment_member WHERE segment = $1 ORDER BY customer_id`,
      [segment],
    );
    return rows.map((r) => r.customer_id);
  }

  async insert(c: CampaignEntity): Promise<void> {
    await this.dataSource.getRepository(CampaignEntity).insert(c);
  }

  list(): Promise<CampaignEntity[]> {
    return this.dataSource
      .getRepository(CampaignEntity)
      .find({ order: { startAt: 'DESC', id: 'DESC' }, take: 200 });
  }

  /** The next due campaign, claimed (SKIP LOCKED: replicas take different ones) in the caller's transaction. */
  async claimDue(em: EntityManager, now: Date): Promise<CampaignEntity | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM campaign WHERE status = 'planned' AND start_at <= $1
        ORDER BY start_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return rows[0] ? em.getRepository(CampaignEntity).findOneBy({ id: rows[0].id }) : null;
  }

  async finish(em: EntityManager, id: string, invited: number, suppressed: number): Promise<void> {
    await em.getRepository(CampaignEntity).update({ id }, { status: 'done', invited, suppressed });
  }
}
