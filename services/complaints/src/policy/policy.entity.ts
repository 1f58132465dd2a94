import { ComplaintChannel, Priority, Tier } from '@cx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** SLA targets; the most specific matching rule wins (priority, channel, tier; empty = any). */
@Entity('sla_rule')
export class SlaRuleEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { nullable: true }) priority!: Priority | null;
  @Column('text', { nullable: true }) channel!: ComplaintChannel | null;
  @Column('text', { nullable: true }) tier!: Tier | null;
  @Column('double precision') firstResponseHours!: number;
  @Column('double precision') resolutionHours!: number;
  /** Count the hours in the store's business calendar instead of around the clock. */
  @Column('boolean', { default: false }) businessHours!: boolean;
}

export interface OpeningHours {
  /** 0 = Sunday ... 6 = Saturday; each a list of [from, to) local times 'HH:MM'. */
  [weekday: string]: { from: string; to: string }[];
}

/** Business hours and holidays of a store ('*' = the default for stores without their own). */
@Entity('store_calendar')
export class StoreCalendarEntity {
  @PrimaryColumn('text') storeId!: string;
  @Column('text') timeZone!: string;
  @Column('jsonb') weekly!: OpeningHours;
  /** Local dates (YYYY-MM-DD) the store is closed. */
  @Column('text', { array: true, default: () => "'{}'" }) holidays!: string[];
}

/** The complaint taxonomy leads maintain. */
@Entity('complaint_category')
export class CategoryEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) parentCode!: string | null;
  /** Complaints in this category are major (joint team, management escalation). */
  @Column('boolean', { default: false }) major!: boolean;
  /** Department that handles it by default. */
  @Column('text', { nullable: true }) department!: string | null;
  @Column('boolean', { default: true }) active!: boolean;
  /** The emergency plan a major complaint of this category starts with (the lead edits it). */
  @Column('jsonb', { default: [] }) planTemplate!: PlanTemplateStep[];
}

/** The root-cause taxonomy the lead edits: what resolving a complaint records as its cause. */
@Entity('cause_code')
export class CauseCodeEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  /** Retired codes stay on old complaints but are refused at resolution. */
  @Column('boolean', { default: true }) active!: boolean;
}

/** One step of a category's emergency plan template: due `dueAfterHours` after the complaint was received. */
export interface PlanTemplateStep {
  title: string;
  /** Who owns the step; absent: the complaint's owner. */
  ownerId?: string;
  department?: string;
  dueAfterHours: number;
}

/** The complaint targets of the CX scorecard: rates as fractions, handling times as 90th-percentile hours. */
export interface KpiTargets {
  /** Satisfied return-visit answers / answers, at least. */
  satisfaction: number;
  /** Solved / received (minus withdrawn), at least. */
  resolutionRate: number;
  /** Complaints / orders, at most. */
  complaintRate: number;
  /** 90th percentile of hours to the first response, at most. */
  firstResponseHoursP90: number;
  /** 90th percentile of hours to the solution, at most. */
  resolutionHoursP90: number;
  /** Share of complaints answered within their first-response time, at least (the seeds: 1, every one). */
  firstResponseInTime: number;
}

/** Spike detection's and early warning's knobs (they were SPIKE_* and ALERT_* environment variables). */
export interface EarlyWarningSettings {
  /** The window spike detection counts complaints about one product or store in, in hours. */
  spikeWindowHours: number;
  /** At least this many complaints about one product or store inside the window make a spike. */
  spikeMinComplaints: number;
  /** The trailing window early warning's figures cover, in days. */
  alertWindowDays: number;
  /** A figure resting on fewer cases decides nothing (no alert, no recovery). */
  alertMinCases: number;
}

export interface EscalationStep {
  level: number;
  /** Who is alerted: e.g. 'owner-lead', 'management'. */
  to: string;
  /** When, relative to the missed deadline (0 = at the deadline; negative = before it). */
  afterMinutes: number;
}

/** The lead's knobs for the whole service (a single row). */
@Entity('complaint_policy')
export class ComplaintPolicyEntity {
  @PrimaryColumn('int') id!: number;
  @Column('int') repeatWindowDays!: number;
  @Column('int') autoCloseDays!: number;
  /** A complaint reopened more than this many times escalates a level. */
  @Column('int') reopenEscalationThreshold!: number;
  /** Warn this long before a deadline. */
  @Column('int') warningLeadMinutes!: number;
  @Column('jsonb') escalationChain!: EscalationStep[];
  /** Customers in these tiers are VIPs: their complaints go up one priority. */
  @Column('text', { array: true }) vipTiers!: Tier[];
  @Column('double precision') defaultFirstResponseHours!: number;
  @Column('double precision') defaultResolutionHours!: number;
  /** The scorecard the lead holds the service to (analytics' meetsTarget). */
  @Column('jsonb') kpiTargets!: KpiTargets;
  /** Null until the lead sets them: the environment's SPIKE_* and ALERT_* values apply. */
  @Column('jsonb', { nullable: true }) earlyWarning!: EarlyWarningSettings | null;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}
