import { CreatedAtPosition, insertNewRows, newestFirst, preparedQuery } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InvitationEntity } from './invitation.entity';
import { InvitationStatus, RivalInvitation, UNANSWERABLE_STATUSES } from './invitation.rules';

/** What answering an invitation reads of it. */
export type InvitationToAnswer = Pick<
  InvitationEntity,
  | 'id'
  | 'questionnaireId'
  | 'version'
  | 'trigger'
  | 'subjectType'
  | 'subjectId'
  | 'customerId'
  | 'storeId'
  | 'employeeId'
  | 'touchpoint'
>;

/** The only place that touches the invitation table. */
@Injectable()
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * False when this case already has its invitation (the unique index on trigger and subject decides).
   * One plain INSERT: TypeORM's query builder took a quarter of a triggered invitation's CPU.
   */
  async insert(em: EntityManager, inv: InvitationEntity): Promise<boolean> {
    return (await insertNewRows(em, InvitationEntity, [inv])) === 1;
  }

  /** Serialises the invitations of one customer (fatigue compares them) until the transaction ends. */
  async lockCustomer(em: EntityManager, customerId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('surveys.invitation:' || $1))`, [customerId]);
  }

  /** The customer's invitations whose send time is within `windowMs` of `around`. */
  async rivals(
    em: EntityManager,
    customerId: string,
    around: Date,
    windowMs: number,
  ): Promise<RivalInvitation[]> {
    const rows: { id: string; priority: number; status: InvitationStatus; send_at: Date }[] = await em.query(
      `SELECT id, priority, status, send_at FROM invitation
        WHERE customer_id = $1 AND send_at > $2 AND send_at < $3`,
      [customerId, new Date(around.getTime() - windowMs), new Date(around.getTime() + windowMs)],
    );
    return rows.map((r) => ({
      id: r.id,
      priority: r.priority,
      status: r.status,
      sendAt: new Date(r.send_at),
    }));
  }

  async suppress(em: EntityManager, ids: string[], note: string): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `UPDATE invitation SET status = 'suppressed', note = $2 WHERE id = ANY($1) AND status = 'scheduled'`,
      [ids, note],
    );
  }

  /**
   * Claims due invitations for sending (FOR UPDATE SKIP LOCKED, so replicas share them): scheduled ones
   * whose time has come, and ones a crashed sender left in `sending` for longer than `staleMs`.
   */
  async claimDue(now: Date, limit: number, staleMs: number): Promise<InvitationEntity[]> {
    return this.dataSource.transaction(async (em) => {
      const rows: { id: string }[] = await em.query(
        `SELECT id FROM invitation
          WHERE (status = 'scheduled' AND send_at <= $1) OR (status = 'sending' AND claimed_at < $2)
          ORDER BY send_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [now, new Date(now.getTime() - staleMs), limit],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      await em.query(`UPDATE invitation SET status = 'sending', claimed_at = $2 WHERE id = ANY($1)`, [
        ids,
        now,
      ]);
      return em
        .getRepository(InvitationEntity)
        .find({ where: ids.map((id) => ({ id })), order: { sendAt: 'ASC' } });
    });
  }

  /** Whether another invitation of the customer went out within `windowMs` before `now`. */
  async sentRecently(customerId: string, except: string, now: Date, windowMs: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM invitation WHERE customer_id = $1 AND id <> $2 AND sent_at > $3 AND sent_at <= $4 LIMIT 1`,
      [customerId, except, new Date(now.getTime() - windowMs), now],
    );
    return rows.length > 0;
  }

  /**
   * Records how a send ended. The status moves only from `sending`: the customer may answer between the
   * message leaving and this update (the link is in it), and `answered` must not turn back into `sent`
   * (the reminder and the fatigue rules read it). When and through which delivery it went are kept either way.
   */
  async finish(
    id: string,
    change: {
      status: InvitationStatus;
      sentAt?: Date;
      deliveryId?: string | null;
      note?: string | null;
      /** The language the invitation was written in: the answer page speaks it too. */
      language?: string;
    },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE invitation
          SET status = CASE WHEN status = 'sending' THEN $2 ELSE status END,
              sent_at = COALESCE($3, sent_at),
              delivery_id = CASE WHEN $4 THEN $5::uuid ELSE delivery_id END,
              note = CASE WHEN $6 THEN $7 ELSE note END,
              language = COALESCE($8, language)
        WHERE id = $1`,
      [
        id,
        change.status,
        change.sentAt ?? null,
        change.deliveryId !== undefined,
        change.deliveryId ?? null,
        change.note !== undefined,
        change.note ?? null,
        change.language || null,
      ],
    );
  }

  async reschedule(id: string, sendAt: Date, note: string): Promise<void> {
    await this.dataSource
      .getRepository(InvitationEntity)
      .update({ id }, { status: 'scheduled', sendAt, claimedAt: null, note });
  }

  findByToken(token: string): Promise<InvitationEntity | null> {
    return this.dataSource.getRepository(InvitationEntity).findOneBy({ token });
  }

  /**
   * The invitation behind an answer link marked answered, if it takes an answer at `now`
   * (UNANSWERABLE_STATUSES, the expiry): one statement that locks, checks and marks, answering what the
   * answer needs, or null (then findByToken and answerRefusal say why). It runs in the answer's
   * transaction, so an answer refused later (its answers invalid) rolls the mark back. A concurrent
   * answer to the same token waits for this row and then finds it answered.
   */
  async markAnswered(em: EntityManager, token: string, now: Date): Promise<InvitationToAnswer | null> {
    // Prepared: parsed and planned once per connection (ADR 37).
    const { rows } = await preparedQuery<InvitationToAnswer>(
      em,
      `UPDATE invitation SET status = 'answered'
        WHERE token = $1 AND status <> ALL($2) AND expires_at > $3
        RETURNING id, questionnaire_id AS "questionnaireId", version, trigger, subject_type AS "subjectType",
                  subject_id AS "subjectId", customer_id AS "customerId", store_id AS "storeId",
                  employee_id AS "employeeId", touchpoint`,
      [token, UNANSWERABLE_STATUSES, now],
    );
    return rows[0] ?? null;
  }

  findById(id: string): Promise<InvitationEntity | null> {
    return this.dataSource.getRepository(InvitationEntity).findOneBy({ id });
  }

  /** Newest first, optionally of one status (the lead's list of not-sent invitations with their links). */
  list(status: InvitationStatus | undefined, after: CreatedAtPosition | undefined, limit: number) {
    const qb = this.dataSource.getRepository(InvitationEntity).createQueryBuilder('x');
    if (status) qb.andWhere('x.status = :status', { status });
    return newestFirst(qb, after, limit).getMany();
  }

  /** Erasure: the customer's invitations lose the link to the person. */
  async forgetCustomer(em: EntityManager, customerId: string): Promise<number> {
    const rows: unknown[] = await em.query(
      `UPDATE invitation SET customer_id = NULL, note = 'customer erased' WHERE customer_id = $1 RETURNING id`,
      [customerId],
    );
    return rows.length;
  }

  /** crm merged two records of one person: the merged id's invitations become the survivor's (fatigue then counts them all). */
  async followMerge(em: EntityManager, survivorId: string, mergedId: string): Promise<number> {
    const rows: unknown[] = await em.query(
      `UPDATE invitation SET customer_id = $1 WHERE customer_id = $2 RETURNING id`,
      [survivorId, mergedId],
    );
    return rows.length;
  }
}
