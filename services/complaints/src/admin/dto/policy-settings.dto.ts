import { IsCode, TIERS, Tier } from '@cx/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsPositive,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { EarlyWarningSettings, EscalationStep, KpiTargets } from '../../policy/policy.entity';
import { PolicySettings } from '../../policy/policy.service';
import { MAX_SLA_HOURS } from './patterns';
import { IsEscalationChain, NotLessThan } from './validators';

export class EscalationStepDto implements EscalationStep {
  @ApiProperty({ minimum: 1, example: 1, description: 'Levels run 1..n in the order of the chain' })
  @IsInt()
  @Min(1)
  @Max(10)
  level!: number;

  @ApiProperty({
    example: 'owner-lead',
    description: "Who is alerted, a code: 'owner-lead', 'management', ...",
  })
  @IsCode()
  to!: string;

  @ApiProperty({
    example: 0,
    description:
      'Minutes after the missed deadline (0 = at it, negative = before it); never less than the level before',
  })
  @IsInt()
  @Min(-7 * 24 * 60)
  @Max(30 * 24 * 60)
  afterMinutes!: number;
}

/** The service-wide knobs, replaced as a whole by PUT (every field is required). */
export class PolicySettingsDto implements PolicySettings {
  @ApiProperty({
    example: 30,
    minimum: 1,
    maximum: 365,
    description: 'Same customer, same category or product within this many days is a repeat',
  })
  @IsInt()
  @Min(1)
  @Max(365)
  repeatWindowDays!: number;

  @ApiProperty({
    example: 7,
    minimum: 1,
    maximum: 365,
    description: 'A complaint quiet in "resolved" this many days closes itself',
  })
  @IsInt()
  @Min(1)
  @Max(365)
  autoCloseDays!: number;

  @ApiProperty({
    example: 2,
    minimum: 0,
    maximum: 100,
    description: 'Reopened more than this many times escalates a level',
  })
  @IsInt()
  @Min(0)
  @Max(100)
  reopenEscalationThreshold!: number;

  @ApiProperty({
    example: 120,
    minimum: 0,
    maximum: 10080,
    description: 'Warn the owner this many minutes before a deadline',
  })
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  warningLeadMinutes!: number;

  @ApiProperty({
    type: [EscalationStepDto],
    description: 'Levels 1..n in order, afterMinutes non-decreasing',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EscalationStepDto)
  @IsEscalationChain()
  escalationChain!: EscalationStepDto[];

  @ApiProperty({
    enum: TIERS,
    isArray: true,
    example: ['gold', 'diamond'],
    description: 'Customers of these tiers are VIPs: priority goes up one step',
  })
  @IsArray()
  @ArrayMaxSize(TIERS.length)
  @ArrayUnique()
  @IsIn(TIERS, { each: true })
  vipTiers!: Tier[];

  @ApiProperty({
    example: 24,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_SLA_HOURS,
    description: 'When no SLA rule matches',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_SLA_HOURS)
  defaultFirstResponseHours!: number;

  @ApiProperty({
    example: 72,
    exclusiveMinimum: true,
    minimum: 0,
    maximum: MAX_SLA_HOURS,
    description: 'When no SLA rule matches; not less than defaultFirstResponseHours',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_SLA_HOURS)
  @NotLessThan('defaultFirstResponseHours')
  defaultResolutionHours!: number;
}

/** The scorecard's targets: rates are fractions (0.9 = 90 %), handling times hours at the 90th percentile. */
export class KpiTargetsDto implements KpiTargets {
  @ApiProperty({
    example: 0.9,
    minimum: 0,
    maximum: 1,
    description: 'Satisfied return-visit answers / answers, at least',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  satisfaction!: number;

  @ApiProperty({
    example: 0.95,
    minimum: 0,
    maximum: 1,
    description: 'Solved / received (minus withdrawn), at least',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  resolutionRate!: number;

  @ApiProperty({ example: 0.01, minimum: 0, maximum: 1, description: 'Complaints / orders, at most' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  complaintRate!: number;

  @ApiProperty({
    example: 24,
    maximum: MAX_SLA_HOURS,
    description: '90th percentile of hours to the first response, at most',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_SLA_HOURS)
  firstResponseHoursP90!: number;

  @ApiProperty({
    example: 72,
    maximum: MAX_SLA_HOURS,
    description: '90th percentile of hours to the solution, at most',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(MAX_SLA_HOURS)
  resolutionHoursP90!: number;

  @ApiProperty({
    example: 1,
    minimum: 0,
    maximum: 1,
    description: 'Share of complaints answered within their first-response time, at least (1 = every one)',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  firstResponseInTime!: number;
}

/** Spike detection's and early warning's settings, replaced as a whole (every field is required). */
export class EarlyWarningSettingsDto implements EarlyWarningSettings {
  @ApiProperty({ example: 24, minimum: 1, maximum: 720, description: 'Spike window, in hours' })
  @IsInt()
  @Min(1)
  @Max(720)
  spikeWindowHours!: number;

  @ApiProperty({
    example: 5,
    minimum: 2,
    maximum: 10000,
    description: 'Complaints about one product or store inside the window that make a spike, at least',
  })
  @IsInt()
  @Min(2)
  @Max(10_000)
  spikeMinComplaints!: number;

  @ApiProperty({
    example: 30,
    minimum: 1,
    maximum: 366,
    description: "Early warning's trailing window, in days",
  })
  @IsInt()
  @Min(1)
  @Max(366)
  alertWindowDays!: number;

  @ApiProperty({
    example: 20,
    minimum: 1,
    maximum: 1000000,
    description: 'A figure resting on fewer cases raises and recovers nothing',
  })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  alertMinCases!: number;
}
