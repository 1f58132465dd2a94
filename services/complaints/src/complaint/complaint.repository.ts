import { ComplaintStatus } from '@cx/contracts';
import {
  ChangedColumns,
  ClaimedKey,
  ColumnSnapshot,
  insertRows,
  KeyClaim,
  PreparedRead,
  preparedQuery,
  renumberParameters,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { departmentQueue, WORK_QUEUES, WorkQueue } from '../queue/queues';
import {
  ComplaintCommentEntity,
  ComplaintEntity,
  ComplaintHistoryEntity,
  CustomerReplyEntity,
  PlanStepEntity,
  SlaPauseEntity,
  TeamMemberEntity,
} from './complaint.entity';
import { OPEN_STATUSES } from './status';

export interface HistoryEntry {
  complaintId: string;
  at: Date;
  actorId: string;
  /** What happened, a kebab code: created, acknowledged, status-changed, transferred, sla-breached ... */
  action: string;
  fromStatus?: ComplaintStatus | null;
  toStatus?: ComplaintStatus | null;
  details?: Record<string, unknown>;
}

/** Who complained about what, and since when a complaint of theirs counts as a repeat. */
export interface RepeatQuery {
  customerId: string | null;
  phoneHash: string | null;
  emailHash: string | null;
  category: string;
  productSku: string | null;
  since: Date;
}

/** What every work queue (and its count) is filtered by. */
export interface WorkQueueFilter {
  /** The caller: whose complaints are "mine". */
  actorId: string;
  /** The department whose queue; for the other queues, the complaints' department. */
  department?: string;
  storeId?: string;
  category?: string;
  priority?: string;
  channel?: string;
  receivedFrom?: string;
  receivedTo?: string;
  now: Date;
}

/** Each queue's condition on an open complaint (queue/queues.ts). */
const QUEUE_CONDITION: Record<WorkQueue, string> = {
  mine: 'c.owner_id = :actorId',
  department: 'c.owner_id = :queueOwner',
  overdue: `((c.first_responded_at IS NULL AND c.first_response_due_at < :now) OR c.resolution_due_at < :now)`,
  escalated: 'c.escalation_level > 0',
  waiting: `c.status = 'waiting-for-customer'`,
};

const queueParams = (f: WorkQueueFilter) => ({
  actorId: f.actorId,
  queueOwner: departmentQueue(f.department ?? ''),
  now: f.now,
});

/** The only place that touches the complaint tables. */
@Injectable()
export class ComplaintRepository {
  private hot?: {
    lock: PreparedRead<ComplaintEntity>;
    pauses: PreparedRead<SlaPauseEntity>;
    changes: ChangedColumns<ComplaintEntity>;
  };

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The statements of every change to a complaint (lock, its pauses, write back), built once: as
   * plain prepared statements they cost a fraction of the CPU of TypeORM's query builder and
   * `save()`, which read the row a second time (docs/benchmarks.md, the closed loop's hops).
   */
  private get statements() {
    return (this.hot ??= {
      // The row locked, with its pauses and the version this statement's snapshot saw (see lockWithPauses).
      lock: new PreparedRead(
        this.dataSource,
        ComplaintEntity,
        'complaints_lock_with_pauses',
        (select) =>
          `SELECT ${select('c')},
                  (SELECT s.version FROM complaint s WHERE s.id = c.id) AS "seen_version",
                  (SELECT json_agg(p ORDER BY p.paused_at) FROM complaint_sla_pause p
                    WHERE p.complaint_id = c.id) AS "pauses"
             FROM complaint c WHERE c.id = $1 FOR UPDATE OF c`,
      ),
      pauses: new PreparedRead(
        this.dataSource,
        SlaPauseEntity,
        'complaints_pauses_of',
        (select) =>
          `SELECT ${select('p')} FROM complaint_sla_pause p WHERE p.complaint_id = $1 ORDER BY p.paused_at`,
      ),
      changes: new ChangedColumns(this.dataSource, ComplaintEntity),
    });
  }

  /** Appends to the case file, in the caller's transaction. */
  async addHistory(em: EntityManager, ...entries: HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const values: unknown[] = [];
    const rows = entries.map((e, i) => {
      values.push(
        e.complaintId,
        e.at,
        e.actorId,
        e.action,
        e.fromStatus ?? null,
        e.toStatus ?? null,
        JSON.stringify(e.details ?? {}),
      );
      const o = i * 7;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7})`;
    });
    await em.query(
      `INSERT INTO complaint_history (complaint_id, at, actor_id, action, from_status, to_status, details) VALUES ${rows.join(', ')}`,
      values,
    );
  }

  findById(id: string, em: EntityManager = this.dataSource.manager): Promise<ComplaintEntity | null> {
    return em.getRepository(ComplaintEntity).findOneBy({ id });
  }

  /**
   * Reads the complaint and locks its row until the transaction ends (all changes go through this),
   * with its pauses, oldest first, in the same round trip. The pauses come from the statement's
   * snapshot, taken before it waited for the lock: when another change committed in between, the
   * locked row is that change's but the pauses may be older. Every change that writes pauses bumps
   * the complaint's version (ComplaintChanges), so a version other than the one the snapshot saw
   * answers `pauses: undefined`, and the caller reads them again (`pauses`).
   */
  async lockWithPauses(
    em: EntityManager,
    id: string,
  ): Promise<{ complaint: ComplaintEntity; pauses?: SlaPauseEntity[] } | null> {
    const { lock, pauses } = this.statements;
    const [row] = await lock.runIn(em, [id]);
    if (!row) return null;
    const complaint = lock.toEntity(row);
    if (Number(row.seen_version) !== complaint.version) return { complaint };
    // json_agg: the rows keyed by column name, times as ISO text (hydrated to Date as on a read).
    const found = (row.pauses ?? []) as Record<string, unknown>[];
    return { complaint, pauses: found.map((r) => pauses.toEntity(r)) };
  }

  /** What a complaint holds before a change: `save` writes only what differs from it. */
  snapshot(complaint: ComplaintEntity): ColumnSnapshot {
    return this.statements.changes.snapshot(complaint);
  }

  /** Saves a changed complaint (the columns changed since `before`) and bumps its version. */
  async save(em: EntityManager, complaint: ComplaintEntity, before: ColumnSnapshot): Promise<void> {
    complaint.version += 1;
    await this.statements.changes.update(em, complaint, before);
  }

  /** `count` numbers of the complaint reference sequence: unique across replicas, told to the customer. */
  /** New complaints in one statement; the caller has set every column. */
  async insertAll(em: EntityManager, complaints: ComplaintEntity[]): Promise<void> {
    await insertRows(em, ComplaintEntity, complaints);
  }

  findByIds(em: EntityManager, ids: string[]): Promise<ComplaintEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.getRepository(ComplaintEntity).findBy({ id: In(ids) });
  }

  /**
   * For each query, the latest earlier complaint of the same person about the same category or
   * product within its window (null when none): the person is the CRM customer, or the same phone or
   * email (keyed hashes). And `count` new reference numbers, ascending. With `claim` (the batch's
   * Idempotency-Key claim, IdempotencyKeys.runAll's claimWith) also the keys it took. One statement for
   * all three (one round trip of the intake's transaction); the claim's part runs before the others
   * read, as a data-modifying WITH part does.
   */
  async findRepeatsAndDrawReferences(
    em: EntityManager,
    queries: RepeatQuery[],
    count: number,
    claim?: KeyClaim,
  ): Promise<{
    found: ({ id: string; receivedAt: Date } | null)[];
    numbers: string[];
    claimed: ClaimedKey[];
  }> {
    const found: ({ id: string; receivedAt: Date } | null)[] = queries.map(() => null);
    const asked = queries
      .map((q, i) => ({ ...q, i }))
      .filter((q) => q.customerId || q.phoneHash || q.emailHash);
    const params = [
      asked.map((q) => q.i),
      asked.map((q) => q.customerId),
      asked.map((q) => q.phoneHash),
      asked.map((q) => q.emailHash),
      asked.map((q) => q.category),
      asked.map((q) => q.productSku),
      asked.map((q) => q.since),
      count,
    ];
    // One row per repeat found, each carrying the numbers and the claimed keys; one row of nulls beside
    // them when none is.
    // A fixed text whatever the batch (arrays and a count): prepared once per connection (ADR 54).
    const { rows } = await preparedQuery<{
      numbers: string[];
      claimed: ClaimedKey[];
      i: number | null;
      id: string;
      receivedAt: Date;
    }>(
      em,
      `WITH ${claim ? `claimed AS (${renumberParameters(claim.sql, params.length)}),` : ''}
       drawn AS (
         SELECT array_agg(nextval('complaint_reference_seq')::text ORDER BY g) AS numbers,
           ${claim ? `(SELECT coalesce(json_agg(json_build_object('caller', caller, 'key', key)), '[]') FROM claimed)` : `'[]'::json`} AS claimed
         FROM generate_series(1, $8::int) AS g)
       SELECT drawn.numbers, drawn.claimed, q.i, r.id, r.received_at AS "receivedAt"
       FROM drawn LEFT JOIN (
         unnest($1::int[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
           AS q(i, customer_id, phone_hash, email_hash, category, product_sku, since)
         CROSS JOIN LATERAL (
           SELECT c.id, c.received_at FROM complaint c
           WHERE c.received_at >= q.since
             AND (c.category = q.category OR c.product_sku = q.product_sku)
             AND (c.customer_id = q.customer_id OR c.phone_hash = q.phone_hash OR c.email_hash = q.email_hash)
             AND c.status <> 'withdrawn' AND c.merged_into IS NULL
           ORDER BY c.received_at DESC LIMIT 1) r) ON true`,
      claim ? [...params, ...claim.params] : params,
    );
    for (const r of rows) if (r.i !== null) found[r.i] = { id: r.id, receivedAt: r.receivedAt };
    return { found, numbers: rows[0]?.numbers ?? [], claimed: rows[0]?.claimed ?? [] };
  }

  async list(f: {
    status?: string;
    priority?: string;
    storeId?: string;
    ownerId?: string;
    category?: string;
    customerId?: string;
    overdue?: boolean;
    q?: string;
    now: Date;
    after?: { receivedAt: string; id: string };
    limit: number;
  }): Promise<ComplaintEntity[]> {
    const qb = this.dataSource.getRepository(ComplaintEntity).createQueryBuilder('c');
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.priority) qb.andWhere('c.priority = :priority', { priority: f.priority });
    if (f.storeId) qb.andWhere('c.store_id = :storeId', { storeId: f.storeId });
    if (f.ownerId) qb.andWhere('c.owner_id = :ownerId', { ownerId: f.ownerId });
    if (f.category) qb.andWhere('c.category = :category', { category: f.category });
    if (f.customerId) qb.andWhere('c.customer_id = :customerId', { customerId: f.customerId });
    if (f.overdue === true)
      qb.andWhere(
        `c.status NOT IN ('resolved', 'closed', 'withdrawn') AND (
           (c.first_responded_at IS NULL AND c.first_response_due_at < :now) OR c.resolution_due_at < :now)`,
        { now: f.now },
      );
    if (f.q)
      qb.andWhere(
        `to_tsvector('simple', c.reference || ' ' || c.description) @@ plainto_tsquery('simple', :q)`,
        { q: f.q },
      );
    if (f.after)
      qb.andWhere('(c.received_at, c.id) < (:afterAt, :afterId)', {
        afterAt: f.after.receivedAt,
        afterId: f.after.id,
      });
    return qb.orderBy('c.received_at', 'DESC').addOrderBy('c.id', 'DESC').limit(f.limit).getMany();
  }

  /**
   * One work queue (queue/queues.ts says what each holds), oldest received first, after `after`;
   * `limit` rows at most. Every queue holds open complaints only.
   */
  workQueue(
    f: WorkQueueFilter & { queue: WorkQueue; after?: { receivedAt: string; id: string }; limit: number },
  ) {
    const qb = this.queueBase(f).andWhere(QUEUE_CONDITION[f.queue], queueParams(f));
    if (f.queue !== 'department' && f.department)
      qb.andWhere('c.department = :department', { department: f.department });
    if (f.after)
      qb.andWhere('(c.received_at, c.id) > (:afterAt, :afterId)', {
        afterAt: f.after.receivedAt,
        afterId: f.after.id,
      });
    return qb.orderBy('c.received_at', 'ASC').addOrderBy('c.id', 'ASC').limit(f.limit).getMany();
  }

  /** How many complaints each queue holds, with the same filters, in one statement. */
  async queueCounts(f: WorkQueueFilter): Promise<Record<WorkQueue, number>> {
    const qb = this.queueBase(f).select([]);
    for (const q of WORK_QUEUES) {
      const department = q !== 'department' && f.department ? ` AND c.department = :department` : '';
      qb.addSelect(`count(*) FILTER (WHERE ${QUEUE_CONDITION[q]}${department})::int`, q);
    }
    const row = await qb
      .setParameters({ ...queueParams(f), ...(f.department ? { department: f.department } : {}) })
      .getRawOne<Record<WorkQueue, number>>();
    return row ?? { mine: 0, department: 0, overdue: 0, escalated: 0, waiting: 0 };
  }

  /** Open complaints matching the filters every queue takes. */
  private queueBase(f: WorkQueueFilter) {
    const qb = this.dataSource
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .where(`c.status IN (:...open)`, { open: OPEN_STATUSES });
    if (f.storeId) qb.andWhere('c.store_id = :storeId', { storeId: f.storeId });
    if (f.category) qb.andWhere('c.category = :category', { category: f.category });
    if (f.priority) qb.andWhere('c.priority = :priority', { priority: f.priority });
    if (f.channel) qb.andWhere('c.channel = :channel', { channel: f.channel });
    if (f.receivedFrom) qb.andWhere('c.received_at >= :receivedFrom', { receivedFrom: f.receivedFrom });
    if (f.receivedTo) qb.andWhere('c.received_at < :receivedTo', { receivedTo: f.receivedTo });
    return qb;
  }

  history(complaintId: string): Promise<ComplaintHistoryEntity[]> {
    return this.dataSource
      .getRepository(ComplaintHistoryEntity)
      .find({ where: { complaintId }, order: { id: 'ASC' } });
  }

  async addComment(em: EntityManager, comment: ComplaintCommentEntity): Promise<void> {
    await em.getRepository(ComplaintCommentEntity).insert(comment);
  }

  comments(complaintId: string, visibility?: 'customer'): Promise<ComplaintCommentEntity[]> {
    return this.dataSource
      .getRepository(ComplaintCommentEntity)
      .find({ where: { complaintId, ...(visibility ? { visibility } : {}) }, order: { createdAt: 'ASC' } });
  }

  /** A complaint's pauses, oldest first: in `em`'s transaction when given, else on the pool. */
  async pauses(complaintId: string, em?: EntityManager): Promise<SlaPauseEntity[]> {
    const { pauses } = this.statements;
    const rows = em?.queryRunner ? await pauses.runIn(em, [complaintId]) : await pauses.run([complaintId]);
    return rows.map((r) => pauses.toEntity(r));
  }

  async addPause(em: EntityManager, pause: SlaPauseEntity): Promise<void> {
    await em.getRepository(SlaPauseEntity).insert(pause);
  }

  async endPause(em: EntityManager, pauseId: string, at: Date, by: string): Promise<void> {
    await em.getRepository(SlaPauseEntity).update({ id: pauseId }, { resumedAt: at, resumedBy: by });
  }

  team(complaintId: string): Promise<TeamMemberEntity[]> {
    return this.dataSource
      .getRepository(TeamMemberEntity)
      .find({ where: { complaintId }, order: { addedAt: 'ASC' } });
  }

  async replaceTeam(em: EntityManager, complaintId: string, members: TeamMemberEntity[]): Promise<void> {
    await em.getRepository(TeamMemberEntity).delete({ complaintId });
    await em.getRepository(TeamMemberEntity).insert(members);
  }

  plan(complaintId: string, em: EntityManager = this.dataSource.manager): Promise<PlanStepEntity[]> {
    return em.getRepository(PlanStepEntity).find({ where: { complaintId }, order: { position: 'ASC' } });
  }

  async addPlanStep(em: EntityManager, step: PlanStepEntity): Promise<void> {
    await em.getRepository(PlanStepEntity).insert(step);
  }

  /** Plan steps in one statement (a batch of major complaints' emergency plans). */
  async addPlanSteps(em: EntityManager, steps: PlanStepEntity[]): Promise<void> {
    if (steps.length > 0) await insertRows(em, PlanStepEntity, steps);
  }

  async savePlanStep(em: EntityManager, step: PlanStepEntity): Promise<void> {
    await em.getRepository(PlanStepEntity).save(step);
  }

  findByReference(reference: string): Promise<ComplaintEntity | null> {
    return this.dataSource.getRepository(ComplaintEntity).findOneBy({ reference });
  }

  async addReply(em: EntityManager, reply: CustomerReplyEntity): Promise<void> {
    await em.getRepository(CustomerReplyEntity).insert(reply);
  }

  replies(complaintId: string): Promise<CustomerReplyEntity[]> {
    return this.dataSource
      .getRepository(CustomerReplyEntity)
      .find({ where: { complaintId }, order: { receivedAt: 'ASC', id: 'ASC' } });
  }

  /** Erasure: the replies' text goes (the fact that a reply came stays in the case file). */
  async scrubReplies(em: EntityManager, complaintIds: string[]): Promise<void> {
    if (complaintIds.length)
      await em.getRepository(CustomerReplyEntity).update({ complaintId: In(complaintIds) }, { body: null });
  }

  /** The action of the latest case-file entry that closed the complaint ('auto-closed', 'status-changed', ...). */
  async lastClosing(em: EntityManager, complaintId: string): Promise<string | null> {
    const [row] = await em.query<{ action: string }[]>(
      `SELECT action FROM complaint_history WHERE complaint_id = $1 AND to_status = 'closed' ORDER BY id DESC LIMIT 1`,
      [complaintId],
    );
    return row?.action ?? null;
  }

  /** The complaints of an incident, oldest first. */
  inIncident(
    incidentId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Pick<ComplaintEntity, 'id' | 'reference' | 'status' | 'receivedAt'>[]> {
    return em.getRepository(ComplaintEntity).find({
      select: { id: true, reference: true, status: true, receivedAt: true },
      where: { incidentId },
      order: { receivedAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Complaints received in [from, to] that are part of no incident, not withdrawn nor merged, about a
   * product or a store with at least `minPerKey` of them there: those spike detection can group
   * (spike.ts). Postgres counts per product and per store; the rest of the window, which can be a day
   * of a large chain's complaints, stays in the database.
   */
  async recentUnlinked(
    em: EntityManager,
    from: Date,
    to: Date,
    minPerKey: number,
  ): Promise<Pick<ComplaintEntity, 'id' | 'receivedAt' | 'storeId' | 'productSku'>[]> {
    const { sql, params } = this.recentUnlinkedQuery(from, to, minPerKey);
    return em.query(sql, params);
  }

  /** The statement of recentUnlinked: a range of `ix_complaint_list`, the linked ones filtered out. */
  recentUnlinkedQuery(from: Date, to: Date, minPerKey: number): { sql: string; params: unknown[] } {
    return {
      sql: `WITH w AS (
          SELECT c.id, c.received_at, c.store_id, c.product_sku FROM complaint c
          WHERE c.incident_id IS NULL AND c.received_at BETWEEN $1 AND $2
            AND c.status <> 'withdrawn' AND c.merged_into IS NULL)
        SELECT id, received_at AS "receivedAt", store_id AS "storeId", product_sku AS "productSku" FROM w
        WHERE product_sku IN (SELECT product_sku FROM w GROUP BY product_sku HAVING count(*) >= $3)
           OR store_id IN (SELECT store_id FROM w GROUP BY store_id HAVING count(*) >= $3)`,
      params: [from, to, minPerKey],
    };
  }

  /** Ids of every complaint of a customer (erasure). */
  async idsOfCustomer(em: EntityManager, customerId: string): Promise<string[]> {
    const rows = await em
      .getRepository(ComplaintEntity)
      .find({ select: { id: true }, where: { customerId } });
    return rows.map((r) => r.id);
  }

  /** Moves a merged customer's complaints to the survivor (crm merged the records); returns their ids. */
  async repointCustomer(em: EntityManager, fromCustomerId: string, toCustomerId: string): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `WITH moved AS (UPDATE complaint SET customer_id = $2 WHERE customer_id = $1 RETURNING id) SELECT id FROM moved`,
      [fromCustomerId, toCustomerId],
    );
    return rows.map((r) => r.id);
  }

  /** Removes the personal data of a customer's complaints; the case facts stay for the statistics. */
  async scrubPersonalData(em: EntityManager, customerId: string): Promise<number> {
    const res = await em.getRepository(ComplaintEntity).update(
      { customerId },
      {
        complainantName: null,
        complainantPhone: null,
        complainantEmail: null,
        phoneHash: null,
        emailHash: null,
      },
    );
    return res.affected ?? 0;
  }

  // The SLA sweeper's work lists. Each claims due rows with FOR UPDATE SKIP LOCKED in the caller's
  // transaction: replicas sweeping at once share the rows instead of handling one twice, and a row
  // handled and committed no longer matches. The conditions mirror sla-clock.ts (warningDue,
  // deadlinePassed, escalationLevelDue) and the partial indexes of the migration.

  /** Open complaints with a running clock due in [now, warnUntil] that was neither warned nor breached. */
  claimDueForWarning(
    em: EntityManager,
    now: Date,
    warnUntil: Date,
    limit: number,
  ): Promise<ComplaintEntity[]> {
    return this.claimOpen(em, limit)
      .andWhere(
        `((c.first_responded_at IS NULL AND c.first_response_warned_at IS NULL AND c.first_response_breached_at IS NULL
            AND c.first_response_due_at BETWEEN :now AND :warnUntil)
          OR (c.resolution_warned_at IS NULL AND c.resolution_breached_at IS NULL
            AND c.resolution_due_at BETWEEN :now AND :warnUntil))`,
        { now, warnUntil },
      )
      .getMany();
  }

  /** Open complaints with a running clock past its deadline and not yet marked breached. */
  claimDueForBreach(em: EntityManager, now: Date, limit: number): Promise<ComplaintEntity[]> {
    return this.claimOpen(em, limit)
      .andWhere(
        `((c.first_responded_at IS NULL AND c.first_response_breached_at IS NULL AND c.first_response_due_at < :now)
          OR (c.resolution_breached_at IS NULL AND c.resolution_due_at < :now))`,
        { now },
      )
      .getMany();
  }

  /**
   * Open complaints with a running clock past a level of the chain (deadline + afterMinutes) above the
   * level that clock's cause has reached (escalation_levels, per cause: see escalationsDue).
   */
  claimDueForEscalation(
    em: EntityManager,
    now: Date,
    chain: readonly { level: number; afterMinutes: number }[],
    limit: number,
  ): Promise<ComplaintEntity[]> {
    if (chain.length === 0) return Promise.resolve([]);
    return this.dueForEscalation(em, now, chain, limit).getMany();
  }

  /**
   * The claim of claimDueForEscalation. No level fires before its clock's deadline plus the chain's
   * smallest afterMinutes, so only complaints with a deadline before now minus that can be due: that
   * bound reads the two deadline indexes instead of every open complaint on each sweep.
   */
  dueForEscalation(
    em: EntityManager,
    now: Date,
    chain: readonly { level: number; afterMinutes: number }[],
    limit: number,
  ) {
    const earliest = Math.min(...chain.map((s) => s.afterMinutes));
    const dueBefore = new Date(now.getTime() - earliest * 60_000);
    return this.claimOpen(em, limit)
      .andWhere(
        `((c.first_responded_at IS NULL AND c.first_response_due_at < :dueBefore) OR c.resolution_due_at < :dueBefore)`,
        { dueBefore },
      )
      .andWhere(
        `EXISTS (
          SELECT 1 FROM unnest(CAST(:levels AS int[]), CAST(:afterMinutes AS int[])) AS step(level, after_minutes)
          WHERE (c.first_responded_at IS NULL
              AND step.level > coalesce(CAST(c.escalation_levels ->> 'first-response-sla' AS int), 0)
              AND c.first_response_due_at + step.after_minutes * interval '1 minute' < :now)
            OR (step.level > coalesce(CAST(c.escalation_levels ->> 'resolution-sla' AS int), 0)
              AND c.resolution_due_at + step.after_minutes * interval '1 minute' < :now))`,
        { now, levels: chain.map((s) => s.level), afterMinutes: chain.map((s) => s.afterMinutes) },
      );
  }

  /** Complaints resolved on or before `resolvedBefore` and not reopened or closed since. */
  claimDueForAutoClose(em: EntityManager, resolvedBefore: Date, limit: number): Promise<ComplaintEntity[]> {
    return this.claimRows(em, limit)
      .where(`c.status = 'resolved' AND c.resolved_at <= :resolvedBefore`, { resolvedBefore })
      .getMany();
  }

  /** Complaints whose SLA clocks can still run: not solved, closed or withdrawn. */
  private claimOpen(em: EntityManager, limit: number) {
    return this.claimRows(em, limit).where(`c.status NOT IN ('withdrawn', 'closed', 'resolved')`);
  }

  private claimRows(em: EntityManager, limit: number) {
    return em
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .limit(limit);
  }
}
