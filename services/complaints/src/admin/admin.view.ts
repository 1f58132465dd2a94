import { COMPLAINT_CHANNELS, ComplaintChannel, PRIORITIES, Priority, TIERS, Tier } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CategoryEntity,
  CauseCodeEntity,
  ComplaintPolicyEntity,
  EscalationStep,
  KpiTargets,
  SlaRuleEntity,
  StoreCalendarEntity,
} from '../policy/policy.entity';
import { Weekday, WEEKDAYS } from '../policy/policy.rules';
import type { EffectiveEarlyWarning } from '../policy/policy.service';

// What the lead's policy endpoints answer (see complaint.view.ts for the convention).

export class PlanTemplateStepView {
  @ApiProperty() title!: string;
  @ApiPropertyOptional() ownerId?: string;
  @ApiPropertyOptional() department?: string;
  @ApiProperty() dueAfterHours!: number;
}

export class CategoryView {
  @ApiProperty({ example: 'zip-defect' }) code!: string;
  @ApiProperty({ example: 'Zip defects' }) name!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'product-quality',
    description: 'null = top level',
  })
  parentCode!: string | null;
  @ApiProperty({ description: 'Major: joint handling team and management escalation' }) major!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'quality',
    description: 'Department that handles it by default',
  })
  department!: string | null;
  @ApiProperty({ description: 'Inactive categories are kept for old complaints but refused at intake' })
  active!: boolean;
  @ApiProperty({
    type: [PlanTemplateStepView],
    description: 'The emergency plan a major complaint starts with',
  })
  planTemplate!: PlanTemplateStepView[];
}

export class CauseCodeView {
  @ApiProperty({ example: 'product-quality' }) code!: string;
  @ApiProperty({ example: 'Product quality' }) name!: string;
  @ApiProperty({ description: 'Inactive codes stay on old complaints but are refused at resolution' })
  active!: boolean;
}

export const toCauseCodeView = (c: CauseCodeEntity): CauseCodeView => ({
  code: c.code,
  name: c.name,
  active: c.active,
});

export class SlaRuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PRIORITIES, nullable: true, description: 'null = any' }) priority!: Priority | null;
  @ApiProperty({ enum: COMPLAINT_CHANNELS, nullable: true, description: 'null = any' })
  channel!: ComplaintChannel | null;
  @ApiProperty({ enum: TIERS, nullable: true, description: 'null = any' }) tier!: Tier | null;
  @ApiProperty({ example: 4 }) firstResponseHours!: number;
  @ApiProperty({ example: 24 }) resolutionHours!: number;
  @ApiProperty({ description: "Counted in the store's business calendar instead of around the clock" })
  businessHours!: boolean;
}

export class TimeRangeView {
  @ApiProperty({ example: '10:00', description: 'Local opening time HH:MM' }) from!: string;
  @ApiProperty({ example: '22:00', description: "Local closing time HH:MM; '24:00' = midnight" }) to!: string;
}

/** Every weekday, keyed as Date#getDay ('0' = Sunday ... '6' = Saturday); [] = closed. */
export class WeekView implements Record<Weekday, TimeRangeView[]> {
  @ApiProperty({ type: [TimeRangeView], description: 'Sunday' }) '0'!: TimeRangeView[];
  @ApiProperty({ type: [TimeRangeView], description: 'Monday' }) '1'!: TimeRangeView[];
  @ApiProperty({ type: [TimeRangeView], description: 'Tuesday' }) '2'!: TimeRangeView[];
  @ApiProperty({ type: [TimeRangeView], description: 'Wednesday' }) '3'!: TimeRangeView[];
  @ApiProperty({ type: [TimeRangeView], description: 'Thursday' }) '4'!: TimeRangeView[];
  @ApiProperty({ type: [TimeRangeView], description: 'Friday' }) '5'!: TimeRangeView[];
  @ApiProperty({ type: [TimeRangeView], description: 'Saturday' }) '6'!: TimeRangeView[];
}

export class CalendarView {
  @ApiProperty({ example: 'SH-001', description: "'*' is the default for stores without their own" })
  storeId!: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: WeekView }) weekly!: WeekView;
  @ApiProperty({ type: [String], format: 'date', example: ['2026-10-01'] }) holidays!: string[];
}

export class EscalationStepView implements EscalationStep {
  @ApiProperty({ example: 1 }) level!: number;
  @ApiProperty({ example: 'owner-lead' }) to!: string;
  @ApiProperty({ example: 0, description: 'Minutes after the missed deadline' }) afterMinutes!: number;
}

export class KpiTargetsView implements KpiTargets {
  @ApiProperty({ example: 0.9 }) satisfaction!: number;
  @ApiProperty({ example: 0.95 }) resolutionRate!: number;
  @ApiProperty({ example: 0.01 }) complaintRate!: number;
  @ApiProperty({ example: 24 }) firstResponseHoursP90!: number;
  @ApiProperty({ example: 72 }) resolutionHoursP90!: number;
  @ApiProperty({ example: 1, description: 'Share answered within the first-response time (1 = every one)' })
  firstResponseInTime!: number;
}

/** The settings spike detection and early warning run with (GET/PUT /admin/policies/early-warning). */
export class EarlyWarningView implements EffectiveEarlyWarning {
  @ApiProperty({ example: 24 }) spikeWindowHours!: number;
  @ApiProperty({ example: 5 }) spikeMinComplaints!: number;
  @ApiProperty({ example: 30 }) alertWindowDays!: number;
  @ApiProperty({ example: 20 }) alertMinCases!: number;
  @ApiProperty({
    enum: ['lead', 'environment'],
    description: "'environment' until the lead sets them: the SPIKE_* and ALERT_* variables apply",
  })
  source!: 'lead' | 'environment';
}

/** The policy settings (PUT /admin/policies), the scorecard's targets and who changed them last. */
export class PolicyView {
  @ApiProperty({ example: 30 }) repeatWindowDays!: number;
  @ApiProperty({ example: 7 }) autoCloseDays!: number;
  @ApiProperty({ example: 2 }) reopenEscalationThreshold!: number;
  @ApiProperty({ example: 120 }) warningLeadMinutes!: number;
  @ApiProperty({ type: [EscalationStepView] }) escalationChain!: EscalationStepView[];
  @ApiProperty({ enum: TIERS, isArray: true, example: ['gold', 'diamond'] }) vipTiers!: Tier[];
  @ApiProperty({ example: 24 }) defaultFirstResponseHours!: number;
  @ApiProperty({ example: 72 }) defaultResolutionHours!: number;
  @ApiProperty({ type: KpiTargetsView, description: 'Set with PUT /admin/policies/kpi-targets' })
  kpiTargets!: KpiTargetsView;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T08:15:00.000Z' }) updatedAt!: string;
  @ApiProperty({
    example: 'lead-7',
    description: 'The sub of who changed the policy last (each change is also logged)',
  })
  updatedBy!: string;
}

export const toCategoryView = (c: CategoryEntity): CategoryView => ({
  code: c.code,
  name: c.name,
  parentCode: c.parentCode,
  major: c.major,
  department: c.department,
  active: c.active,
  planTemplate: c.planTemplate,
});

export const toSlaRuleView = (r: SlaRuleEntity): SlaRuleView => ({
  id: r.id,
  priority: r.priority,
  channel: r.channel,
  tier: r.tier,
  firstResponseHours: r.firstResponseHours,
  resolutionHours: r.resolutionHours,
  businessHours: r.businessHours,
});

const week = (weekly: StoreCalendarEntity['weekly']): WeekView => {
  const out = {} as WeekView;
  for (const day of WEEKDAYS) out[day] = (weekly[day] ?? []).map(({ from, to }) => ({ from, to }));
  return out;
};

export const toCalendarView = (c: StoreCalendarEntity): CalendarView => ({
  storeId: c.storeId,
  timeZone: c.timeZone,
  weekly: week(c.weekly),
  holidays: c.holidays,
});

/** The row's id is an implementation detail (there is one policy). */
export const toPolicyView = (p: ComplaintPolicyEntity): PolicyView => ({
  repeatWindowDays: p.repeatWindowDays,
  autoCloseDays: p.autoCloseDays,
  reopenEscalationThreshold: p.reopenEscalationThreshold,
  warningLeadMinutes: p.warningLeadMinutes,
  escalationChain: p.escalationChain.map(({ level, to, afterMinutes }) => ({ level, to, afterMinutes })),
  vipTiers: p.vipTiers,
  defaultFirstResponseHours: p.defaultFirstResponseHours,
  defaultResolutionHours: p.defaultResolutionHours,
  kpiTargets: {
    satisfaction: p.kpiTargets.satisfaction,
    resolutionRate: p.kpiTargets.resolutionRate,
    complaintRate: p.kpiTargets.complaintRate,
    firstResponseHoursP90: p.kpiTargets.firstResponseHoursP90,
    resolutionHoursP90: p.kpiTargets.resolutionHoursP90,
    firstResponseInTime: p.kpiTargets.firstResponseInTime,
  },
  updatedAt: p.updatedAt.toISOString(),
  updatedBy: p.updatedBy,
});
