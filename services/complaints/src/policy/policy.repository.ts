import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  CategoryEntity,
  CauseCodeEntity,
  ComplaintPolicyEntity,
  SlaRuleEntity,
  StoreCalendarEntity,
} from './policy.entity';

/** Which set of policy rows a writer serializes on (see lockForWrite). */
export type PolicyLock = 'sla-rules' | 'taxonomy' | 'cause-codes';

/** What an SLA rule matches on: null means "any". */
export type SlaRuleMatch = Pick<SlaRuleEntity, 'priority' | 'channel' | 'tier'>;

/** The only place that touches the policy tables. */
@Injectable()
export class PolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  // Reads take the caller's EntityManager inside a transaction: a transaction that waited for a second
  // pool connection could deadlock the pool under load.
  async policy(em: EntityManager = this.dataSource.manager): Promise<ComplaintPolicyEntity> {
    return em.getRepository(ComplaintPolicyEntity).findOneByOrFail({ id: 1 });
  }

  slaRules(em: EntityManager = this.dataSource.manager): Promise<SlaRuleEntity[]> {
    return em.getRepository(SlaRuleEntity).find();
  }

  /** The store's own calendar, else the default ('*'). */
  async calendarFor(
    storeId: string | null,
    em: EntityManager = this.dataSource.manager,
  ): Promise<StoreCalendarEntity | null> {
    const rows = await em
      .getRepository(StoreCalendarEntity)
      .findBy({ storeId: In(storeId ? [storeId, '*'] : ['*']) });
    return rows.find((r) => r.storeId === storeId) ?? rows.find((r) => r.storeId === '*') ?? null;
  }

  category(code: string): Promise<CategoryEntity | null> {
    return this.dataSource.getRepository(CategoryEntity).findOneBy({ code });
  }

  // ---- write side (the lead's admin API) ----

  /**
   * Serializes writers of one policy set until the transaction ends. The checks they make (no
   * duplicate SLA rule: nullable columns, so no plain unique index; no cycle in the taxonomy: a
   * property of the whole tree) hold only if no one else writes in between.
   */
  async lockForWrite(em: EntityManager, what: PolicyLock): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`complaints.policy.${what}`]);
  }

  /** The policy row, locked until the transaction ends, so a change and its before/after are one. */
  async lockPolicy(em: EntityManager): Promise<ComplaintPolicyEntity> {
    const row = await em
      .getRepository(ComplaintPolicyEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = 1')
      .getOne();
    if (!row) throw new Error('complaint_policy has no row 1: the migration seeds it');
    return row;
  }

  async savePolicy(em: EntityManager, policy: ComplaintPolicyEntity): Promise<ComplaintPolicyEntity> {
    const { id: _id, ...fields } = policy;
    await em.getRepository(ComplaintPolicyEntity).update({ id: 1 }, fields);
    return { ...policy, id: 1 };
  }

  slaRule(id: string, em: EntityManager = this.dataSource.manager): Promise<SlaRuleEntity | null> {
    return em.getRepository(SlaRuleEntity).findOneBy({ id });
  }

  /** Most specific first (more criteria set), then by priority, channel, tier: the order rules are read in. */
  async listSlaRules(): Promise<SlaRuleEntity[]> {
    const rows = await this.dataSource.getRepository(SlaRuleEntity).find();
    const specificity = (r: SlaRuleEntity) =>
      [r.priority, r.channel, r.tier].filter((x) => x !== null).length;
    // Code order (not locale order); "any" after every value.
    const compare = (x: string | null, y: string | null) =>
      x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
    return rows.sort(
      (a, b) =>
        specificity(b) - specificity(a) ||
        compare(a.priority, b.priority) ||
        compare(a.channel, b.channel) ||
        compare(a.tier, b.tier),
    );
  }

  /** The rule with exactly this match (null = any), other than `exceptId`. Call under lockForWrite('sla-rules'). */
  async findSlaRuleByMatch(
    em: EntityManager,
    match: SlaRuleMatch,
    exceptId?: string,
  ): Promise<SlaRuleEntity | null> {
    const rows: { id: string }[] = await em.query(
      `SELECT id FROM sla_rule
        WHERE priority IS NOT DISTINCT FROM $1 AND channel IS NOT DISTINCT FROM $2 AND tier IS NOT DISTINCT FROM $3
          AND ($4::uuid IS NULL OR id <> $4::uuid)
        LIMIT 1`,
      [match.priority, match.channel, match.tier, exceptId ?? null],
    );
    return rows[0] ? this.slaRule(rows[0].id, em) : null;
  }

  async saveSlaRule(em: EntityManager, rule: SlaRuleEntity): Promise<SlaRuleEntity> {
    return em.getRepository(SlaRuleEntity).save(rule);
  }

  /** True when a rule was deleted. */
  async deleteSlaRule(em: EntityManager, id: string): Promise<boolean> {
    const result = await em.getRepository(SlaRuleEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  listCalendars(): Promise<StoreCalendarEntity[]> {
    return this.dataSource.getRepository(StoreCalendarEntity).find({ order: { storeId: 'ASC' } });
  }

  /** The store's own calendar only (no fallback to the default). */
  calendar(
    storeId: string,
    em: EntityManager = this.dataSource.manager,
  ): Promise<StoreCalendarEntity | null> {
    return em.getRepository(StoreCalendarEntity).findOneBy({ storeId });
  }

  /** Creates or replaces the store's calendar. */
  async upsertCalendar(em: EntityManager, calendar: StoreCalendarEntity): Promise<void> {
    await em.getRepository(StoreCalendarEntity).upsert(calendar, ['storeId']);
  }

  /** True when a calendar was deleted. */
  async deleteCalendar(em: EntityManager, storeId: string): Promise<boolean> {
    const result = await em.getRepository(StoreCalendarEntity).delete({ storeId });
    return (result.affected ?? 0) > 0;
  }

  listCategories(): Promise<CategoryEntity[]> {
    return this.dataSource.getRepository(CategoryEntity).find({ order: { code: 'ASC' } });
  }

  findCategory(em: EntityManager, code: string): Promise<CategoryEntity | null> {
    return em.getRepository(CategoryEntity).findOneBy({ code });
  }

  /** Every category's parent: the whole tree, for the cycle check. Call under lockForWrite('taxonomy'). */
  async categoryParents(em: EntityManager): Promise<Map<string, string | null>> {
    const rows: { code: string; parent_code: string | null }[] = await em.query(
      `SELECT code, parent_code FROM complaint_category`,
    );
    return new Map(rows.map((r) => [r.code, r.parent_code]));
  }

  async saveCategory(em: EntityManager, category: CategoryEntity): Promise<CategoryEntity> {
    return em.getRepository(CategoryEntity).save(category);
  }

  listCauseCodes(): Promise<CauseCodeEntity[]> {
    return this.dataSource.getRepository(CauseCodeEntity).find({ order: { code: 'ASC' } });
  }

  findCauseCode(code: string, em: EntityManager = this.dataSource.manager): Promise<CauseCodeEntity | null> {
    return em.getRepository(CauseCodeEntity).findOneBy({ code });
  }

  async saveCauseCode(em: EntityManager, cause: CauseCodeEntity): Promise<CauseCodeEntity> {
    return em.getRepository(CauseCodeEntity).save(cause);
  }
}
