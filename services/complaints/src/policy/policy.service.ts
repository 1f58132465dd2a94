import { uuidv7 } from '@cx/contracts';
import { canonicalTimeZone, Clock, Principal, Transactions } from '@cx/platform';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CategoryEntity,
  CauseCodeEntity,
  ComplaintPolicyEntity,
  EarlyWarningSettings,
  KpiTargets,
  OpeningHours,
  SlaRuleEntity,
  StoreCalendarEntity,
} from './policy.entity';
import { ComplaintsConfig } from '../config';
import { PolicyCache } from './policy.cache';
import { PolicyError } from './policy.errors';
import { PolicyRepository } from './policy.repository';
import { parentCycle, TimeRange, Weekday, WEEKDAYS } from './policy.rules';

/** The lead's knobs, as written (who and when are added by the service). */
/** Replaced as a whole by PUT /admin/policies; the KPI targets and early warning have their own endpoints. */
export type PolicySettings = Omit<
  ComplaintPolicyEntity,
  'id' | 'updatedAt' | 'updatedBy' | 'kpiTargets' | 'earlyWarning'
>;

/** The settings spike detection and early warning run with, and whether the lead set them. */
export interface EffectiveEarlyWarning extends EarlyWarningSettings {
  source: 'lead' | 'environment';
}
export type SlaRuleInput = Omit<SlaRuleEntity, 'id'>;
/** Weekdays '0' (Sunday) .. '6'; an absent day is closed. */
export interface CalendarInput {
  timeZone: string;
  weekly: Partial<Record<Weekday, TimeRange[]>>;
  holidays: string[];
}
export type CategoryInput = CategoryEntity;
/** Absent = keep; null (parentCode, department) = clear. */
export type CategoryPatch = Partial<Omit<CategoryEntity, 'code'>>;

/** The store id of the calendar stores without their own use. */
export const DEFAULT_CALENDAR = '*';

const POLICY_FIELDS: (keyof PolicySettings)[] = [
  'repeatWindowDays',
  'autoCloseDays',
  'reopenEscalationThreshold',
  'warningLeadMinutes',
  'escalationChain',
  'vipTiers',
  'defaultFirstResponseHours',
  'defaultResolutionHours',
];

const SLA_RULE_FIELDS: (keyof SlaRuleEntity)[] = [
  'priority',
  'channel',
  'tier',
  'firstResponseHours',
  'resolutionHours',
  'businessHours',
];
const CATEGORY_FIELDS = [
  'name',
  'parentCode',
  'major',
  'department',
  'active',
  'planTemplate',
] as const satisfies (keyof CategoryEntity)[];

const CAUSE_FIELDS = ['name', 'active'] as const satisfies (keyof CauseCodeEntity)[];

type Changes = Record<string, { from: unknown; to: unknown }>;

/** Fields whose value differs, with before and after (compared as JSON: chains and arrays too). */
function changesOf<T extends object>(before: T | null, after: T, fields: readonly (keyof T)[]): Changes {
  const out: Changes = {};
  for (const f of fields) {
    const from = before ? before[f] : null;
    if (JSON.stringify(from) !== JSON.stringify(after[f])) out[String(f)] = { from, to: after[f] };
  }
  return out;
}

/** The complaint policies leads set: SLA rules, calendars, taxonomy, repeat window, escalation chain. */
@Injectable()
export class PolicyService {
  // A log line per change, with who and what: the policy row keeps only the last editor.
  private readonly audit = new Logger('PolicyAudit');

  constructor(
    private readonly policies: PolicyRepository,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly cache: PolicyCache,
    private readonly config: ComplaintsConfig,
  ) {}

  /** With `em`: read inside the caller's transaction (never wait for a second pool connection there). */
  policy(em?: EntityManager): Promise<ComplaintPolicyEntity> {
    return em ? this.policies.policy(em) : this.cache.get('policy', () => this.policies.policy());
  }

  /** What the sweeps run with: the lead's settings, or the environment's SPIKE_* and ALERT_* values. */
  async earlyWarning(): Promise<EffectiveEarlyWarning> {
    const set = (await this.policy()).earlyWarning;
    if (set) return { ...set, source: 'lead' };
    return {
      spikeWindowHours: this.config.SPIKE_WINDOW_HOURS,
      spikeMinComplaints: this.config.SPIKE_MIN_COMPLAINTS,
      alertWindowDays: this.config.ALERT_WINDOW_DAYS,
      alertMinCases: this.config.ALERT_MIN_CASES,
      source: 'environment',
    };
  }

  slaRules(em?: EntityManager): Promise<SlaRuleEntity[]> {
    return em ? this.policies.slaRules(em) : this.cache.get('sla-rules', () => this.policies.slaRules());
  }

  calendarFor(storeId: string | null, em?: EntityManager): Promise<StoreCalendarEntity | null> {
    return em
      ? this.policies.calendarFor(storeId, em)
      : this.cache.get(`calendar:${JSON.stringify(storeId)}`, () => this.policies.calendarFor(storeId));
  }

  /** An active category of the taxonomy, or null. */
  async activeCategory(code: string): Promise<CategoryEntity | null> {
    const c = await this.cache.get(`category:${code}`, () => this.policies.category(code));
    return c?.active ? c : null;
  }

  /** A category, active or not, read in the caller's transaction (a complaint keeps a retired category). */
  category(code: string, em: EntityManager): Promise<CategoryEntity | null> {
    return this.policies.findCategory(em, code);
  }

  // ---- the lead's admin API ----

  /** Replaces the service-wide settings; the DTO has checked each value and the chain's order. */
  async updatePolicy(settings: PolicySettings, actor: Principal): Promise<ComplaintPolicyEntity> {
    const { saved, changes } = await this.tx.run(async (em) => {
      const before = await this.policies.lockPolicy(em);
      const after: ComplaintPolicyEntity = {
        ...before,
        ...settings,
        updatedAt: this.clock.now(),
        updatedBy: actor.sub,
      };
      return {
        saved: await this.policies.savePolicy(em, after),
        changes: changesOf(before, after, POLICY_FIELDS),
      };
    });
    this.log(actor, 'policy.updated', 'policy', { changes });
    return saved;
  }

  /** Replaces the scorecard's targets. */
  async updateKpiTargets(kpiTargets: KpiTargets, actor: Principal): Promise<ComplaintPolicyEntity> {
    const { saved, changes } = await this.tx.run(async (em) => {
      const before = await this.policies.lockPolicy(em);
      const after: ComplaintPolicyEntity = {
        ...before,
        kpiTargets,
        updatedAt: this.clock.now(),
        updatedBy: actor.sub,
      };
      return {
        saved: await this.policies.savePolicy(em, after),
        changes: changesOf(before, after, ['kpiTargets']),
      };
    });
    this.log(actor, 'kpi-targets.updated', 'policy', { changes });
    return saved;
  }

  /** Replaces spike detection's and early warning's settings; the sweeps read them at their next round. */
  async updateEarlyWarning(settings: EarlyWarningSettings, actor: Principal): Promise<EffectiveEarlyWarning> {
    const { spikeWindowHours, spikeMinComplaints, alertWindowDays, alertMinCases } = settings;
    const earlyWarning = { spikeWindowHours, spikeMinComplaints, alertWindowDays, alertMinCases };
    const changes = await this.tx.run(async (em) => {
      const before = await this.policies.lockPolicy(em);
      const after: ComplaintPolicyEntity = {
        ...before,
        earlyWarning,
        updatedAt: this.clock.now(),
        updatedBy: actor.sub,
      };
      await this.policies.savePolicy(em, after);
      return changesOf(before, after, ['earlyWarning']);
    });
    this.log(actor, 'early-warning.updated', 'policy', { changes });
    return { ...earlyWarning, source: 'lead' };
  }

  listSlaRules(): Promise<SlaRuleEntity[]> {
    return this.policies.listSlaRules();
  }

  async getSlaRule(id: string): Promise<SlaRuleEntity> {
    const rule = await this.policies.slaRule(id);
    if (!rule) throw new PolicyError('SLA_RULE_NOT_FOUND', `SLA rule ${id} does not exist`, { id });
    return rule;
  }

  async createSlaRule(input: SlaRuleInput, actor: Principal): Promise<SlaRuleEntity> {
    return this.writeSlaRule(null, input, actor);
  }

  async replaceSlaRule(id: string, input: SlaRuleInput, actor: Principal): Promise<SlaRuleEntity> {
    return this.writeSlaRule(id, input, actor);
  }

  async deleteSlaRule(id: string, actor: Principal): Promise<void> {
    const deleted = await this.tx.run(async (em) => {
      await this.policies.lockForWrite(em, 'sla-rules');
      const before = await this.policies.slaRule(id, em);
      if (!before || !(await this.policies.deleteSlaRule(em, id)))
        throw new PolicyError('SLA_RULE_NOT_FOUND', `SLA rule ${id} does not exist`, { id });
      return before;
    });
    this.log(actor, 'sla-rule.deleted', id, { deleted });
  }

  listCalendars(): Promise<StoreCalendarEntity[]> {
    return this.policies.listCalendars();
  }

  async getCalendar(storeId: string): Promise<StoreCalendarEntity> {
    const calendar = await this.policies.calendar(storeId);
    if (!calendar)
      throw new PolicyError(
        'CALENDAR_NOT_FOUND',
        `store ${storeId} has no calendar of its own: the default ('*') applies`,
        { storeId },
      );
    return calendar;
  }

  /** Creates or replaces a store's calendar (the DTO has checked the zone, the hours and the dates). */
  async putCalendar(storeId: string, input: CalendarInput, actor: Principal): Promise<StoreCalendarEntity> {
    // Stored in one shape whatever was sent: every weekday present, ranges in order, the zone's canonical name.
    const weekly: OpeningHours = {};
    for (const day of WEEKDAYS)
      weekly[day] = (input.weekly[day] ?? [])
        .map(({ from, to }) => ({ from, to }))
        .sort((a, b) => a.from.localeCompare(b.from));
    const calendar: StoreCalendarEntity = {
      storeId,
      timeZone: canonicalTimeZone(input.timeZone) ?? input.timeZone,
      weekly,
      holidays: [...input.holidays].sort(),
    };
    const before = await this.tx.run(async (em) => {
      const before = await this.policies.calendar(storeId, em);
      await this.policies.upsertCalendar(em, calendar);
      return before;
    });
    this.log(actor, before ? 'calendar.replaced' : 'calendar.created', storeId, {
      changes: changesOf(before, calendar, ['timeZone', 'weekly', 'holidays']),
    });
    return calendar;
  }

  async deleteCalendar(storeId: string, actor: Principal): Promise<void> {
    // Every SLA in business hours needs some calendar to count in.
    if (storeId === DEFAULT_CALENDAR)
      throw new PolicyError(
        'CALENDAR_DEFAULT_REQUIRED',
        `the default calendar ('*') cannot be deleted: replace it instead`,
        { field: 'storeId', storeId },
      );
    const deleted = await this.tx.run((em) => this.policies.deleteCalendar(em, storeId));
    if (!deleted)
      throw new PolicyError('CALENDAR_NOT_FOUND', `store ${storeId} has no calendar of its own`, { storeId });
    this.log(actor, 'calendar.deleted', storeId, {});
  }

  listCategories(): Promise<CategoryEntity[]> {
    return this.policies.listCategories();
  }

  async createCategory(input: CategoryInput, actor: Principal): Promise<CategoryEntity> {
    const saved = await this.tx.run(async (em) => {
      await this.policies.lockForWrite(em, 'taxonomy');
      if (await this.policies.findCategory(em, input.code))
        throw new PolicyError('CATEGORY_EXISTS', `category ${input.code} exists: update it instead`, {
          field: 'code',
          code: input.code,
        });
      // A new leaf cannot close a loop; its parent only has to exist.
      if (input.parentCode !== null) await this.requireParent(em, input.parentCode);
      return this.policies.saveCategory(em, input);
    });
    this.log(actor, 'category.created', input.code, { changes: changesOf(null, saved, CATEGORY_FIELDS) });
    return saved;
  }

  async updateCategory(code: string, patch: CategoryPatch, actor: Principal): Promise<CategoryEntity> {
    const { saved, changes } = await this.tx.run(async (em) => {
      await this.policies.lockForWrite(em, 'taxonomy');
      const before = await this.policies.findCategory(em, code);
      if (!before) throw new PolicyError('CATEGORY_NOT_FOUND', `category ${code} does not exist`, { code });
      const after: CategoryEntity = { ...before };
      for (const key of CATEGORY_FIELDS) {
        if (patch[key] !== undefined) Object.assign(after, { [key]: patch[key] });
      }
      if (after.parentCode !== null && after.parentCode !== before.parentCode) {
        await this.requireParent(em, after.parentCode);
        const cycle = parentCycle(code, after.parentCode, await this.policies.categoryParents(em));
        if (cycle)
          throw new PolicyError(
            'CATEGORY_CYCLE',
            `category ${after.parentCode} cannot be the parent of ${code}: it would form the loop ${cycle.join(' -> ')}`,
            {
              field: 'parentCode',
              cycle,
            },
          );
      }
      return {
        saved: await this.policies.saveCategory(em, after),
        changes: changesOf(before, after, CATEGORY_FIELDS),
      };
    });
    this.log(actor, 'category.updated', code, { changes });
    return saved;
  }

  /** An active code of the cause taxonomy, or null (read at resolution, before its transaction). */
  async activeCauseCode(code: string): Promise<CauseCodeEntity | null> {
    const c = await this.policies.findCauseCode(code);
    return c?.active ? c : null;
  }

  listCauseCodes(): Promise<CauseCodeEntity[]> {
    return this.policies.listCauseCodes();
  }

  async createCauseCode(input: CauseCodeEntity, actor: Principal): Promise<CauseCodeEntity> {
    const saved = await this.tx.run(async (em) => {
      await this.policies.lockForWrite(em, 'cause-codes');
      if (await this.policies.findCauseCode(input.code, em))
        throw new PolicyError('CAUSE_CODE_EXISTS', `cause code ${input.code} exists: update it instead`, {
          field: 'code',
          code: input.code,
        });
      return this.policies.saveCauseCode(em, input);
    });
    this.log(actor, 'cause-code.created', input.code, { changes: changesOf(null, saved, CAUSE_FIELDS) });
    return saved;
  }

  async updateCauseCode(
    code: string,
    patch: Partial<Omit<CauseCodeEntity, 'code'>>,
    actor: Principal,
  ): Promise<CauseCodeEntity> {
    const { saved, changes } = await this.tx.run(async (em) => {
      await this.policies.lockForWrite(em, 'cause-codes');
      const before = await this.policies.findCauseCode(code, em);
      if (!before)
        throw new PolicyError('CAUSE_CODE_NOT_FOUND', `cause code ${code} does not exist`, { code });
      const after: CauseCodeEntity = { ...before };
      for (const key of CAUSE_FIELDS)
        if (patch[key] !== undefined) Object.assign(after, { [key]: patch[key] });
      return {
        saved: await this.policies.saveCauseCode(em, after),
        changes: changesOf(before, after, CAUSE_FIELDS),
      };
    });
    this.log(actor, 'cause-code.updated', code, { changes });
    return saved;
  }

  private async writeSlaRule(
    id: string | null,
    input: SlaRuleInput,
    actor: Principal,
  ): Promise<SlaRuleEntity> {
    // A rule without criteria would compete with the policy's defaults, which are the "any" case.
    if (input.priority === null && input.channel === null && input.tier === null)
      throw new PolicyError(
        'SLA_RULE_WITHOUT_CRITERIA',
        'a rule needs at least one of priority, channel, tier: the policy defaults cover the rest',
        {
          field: 'priority',
        },
      );
    const { saved, changes } = await this.tx.run(async (em) => {
      await this.policies.lockForWrite(em, 'sla-rules');
      const before = id === null ? null : await this.policies.slaRule(id, em);
      if (id !== null && !before)
        throw new PolicyError('SLA_RULE_NOT_FOUND', `SLA rule ${id} does not exist`, { id });
      const duplicate = await this.policies.findSlaRuleByMatch(em, input, id ?? undefined);
      if (duplicate)
        throw new PolicyError(
          'SLA_RULE_DUPLICATE',
          `SLA rule ${duplicate.id} already matches this priority, channel and tier: change that rule instead`,
          {
            field: 'priority',
            existingId: duplicate.id,
          },
        );
      const rule: SlaRuleEntity = { id: id ?? uuidv7(), ...input };
      return {
        saved: await this.policies.saveSlaRule(em, rule),
        changes: changesOf(before, rule, SLA_RULE_FIELDS),
      };
    });
    this.log(actor, id === null ? 'sla-rule.created' : 'sla-rule.replaced', saved.id, { changes });
    return saved;
  }

  private async requireParent(em: EntityManager, parentCode: string): Promise<void> {
    if (!(await this.policies.findCategory(em, parentCode)))
      throw new PolicyError('CATEGORY_PARENT_NOT_FOUND', `parent category ${parentCode} does not exist`, {
        field: 'parentCode',
        parentCode,
      });
  }

  /** After the commit, so the log never tells of a change that was rolled back. */
  private log(actor: Principal, action: string, subject: string, details: Record<string, unknown>): void {
    this.cache.clear(); // every change ends here: this replica sees it at once, the others when notified
    this.audit.log(`${action} ${subject} by ${actor.sub}`, {
      audit: { action, subject, actor: actor.sub, roles: actor.roles, ...details },
    });
  }
}
