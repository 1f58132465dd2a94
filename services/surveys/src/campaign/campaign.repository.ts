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
    await em.query(`DELETE FROM campaign_member WHERE customer_id = $1`, [customerId]);
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
    // A running campaign invites the survivor once: the merged id's place is taken over unless the
    // survivor has one of their own.
    await em.query(
      `UPDATE campaign_member m SET customer_id = $1 WHERE customer_id = $2
          AND NOT EXISTS (SELECT 1 FROM campaign_member x WHERE x.campaign_id = m.campaign_id AND x.customer_id = $1)`,
      [survivorId, mergedId],
    );
    await em.query(`DELETE FROM campaign_member WHERE customer_id = $1`, [mergedId]);
  }

  async insert(c: CampaignEntity): Promise<void> {
    await this.dataSource.getRepository(CampaignEntity).insert(c);
  }

  list(): Promise<CampaignEntity[]> {
    return this.dataSource
      .getRepository(CampaignEntity)
      .find({ order: { startAt: 'DESC', id: 'DESC' }, take: 200 });
  }

  /**
   * Starts the next due campaign, claimed with SKIP LOCKED: its segment's members copied in send
   * order (customer id order, as they are numbered), status 'running'. Null when none is due.
   */
  async startDue(em: EntityManager, now: Date): Promise<CampaignEntity | null> {
    const rows: { id: string; segment: string }[] = await em.query(
      `SELECT id, segment FROM campaign WHERE status = 'planned' AND start_at <= $1
        ORDER BY start_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    if (!rows[0]) return null;
    const { id, segment } = rows[0];
    await em.query(
      `INSERT INTO campaign_member (campaign_id, n, customer_id, state)
       SELECT $1, row_number() OVER (ORDER BY customer_id) - 1, customer_id, 'pending'
         FROM segment_member WHERE segment = $2`,
      [id, segment],
    );
    await em.query(
      `UPDATE campaign SET status = 'running',
              members = (SELECT count(*) FROM campaign_member WHERE campaign_id = $1) WHERE id = $1`,
      [id],
    );
    return em.getRepository(CampaignEntity).findOneBy({ id });
  }

  running(): Promise<CampaignEntity[]> {
    return this.dataSource
      .getRepository(CampaignEntity)
      .find({ where: { status: 'running' }, order: { startAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Up to `limit` pending members of a campaign numbered below `dueBefore`, claimed (SKIP LOCKED:
   * another replica's batch takes the next ones), with whether they are still in the segment.
   */
  claimMembers(
    em: EntityManager,
    c: Pick<CampaignEntity, 'id' | 'segment'>,
    dueBefore: number,
    limit: number,
  ): Promise<{ n: number; customer_id: string; still: boolean }[]> {
    return em.query(
      `SELECT m.n, m.customer_id,
              EXISTS (SELECT 1 FROM segment_member s WHERE s.segment = $2 AND s.customer_id = m.customer_id) AS still
         FROM campaign_member m
        WHERE m.campaign_id = $1 AND m.state = 'pending' AND m.n < $3
        ORDER BY m.n LIMIT $4 FOR UPDATE OF m SKIP LOCKED`,
      [c.id, c.segment, dueBefore, limit],
    );
  }

  /** What became of a batch's members, and the campaign's counters, in the batch's transaction. */
  async decided(
    em: EntityManager,
    campaignId: string,
    members: { n: number; state: 'invited' | 'suppressed' | 'left' }[],
  ): Promise<void> {
    await em.query(
      `UPDATE campaign_member m SET state = u.state FROM unnest($2::int[], $3::text[]) AS u(n, state)
        WHERE m.campaign_id = $1 AND m.n = u.n`,
      [campaignId, members.map((m) => m.n), members.map((m) => m.state)],
    );
    const count = (state: string) => members.filter((m) => m.state === state).length;
    await em.query(`UPDATE campaign SET invited = invited + $2, suppressed = suppressed + $3 WHERE id = $1`, [
      campaignId,
      count('invited'),
      count('suppressed'),
    ]);
  }

  /**
   * Done once no member is pending; the member list is then dropped (the counters stay on the
   * campaign). True when this call finished it.
   */
  async finishIfDone(em: EntityManager, id: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await em.query(
      `UPDATE campaign SET status = 'done' WHERE id = $1 AND status = 'running'
          AND NOT EXISTS (SELECT 1 FROM campaign_member WHERE campaign_id = $1 AND state = 'pending')`,
      [id],
    );
    if (!affected) return false;
    await em.query(`DELETE FROM campaign_member WHERE campaign_id = $1`, [id]);
    return true;
  }
}
