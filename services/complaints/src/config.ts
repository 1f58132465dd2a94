import { BaseConfig } from '@cx/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The complaints service's environment: the platform's variables plus its own. */
export class ComplaintsConfig extends BaseConfig {
  /** How often the SLA sweeper looks for warnings, breaches, escalations and auto-closes. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  SLA_SWEEP_INTERVAL_MS = 30_000;

  /** Complaints handled per sweeper round (claimed with FOR UPDATE SKIP LOCKED). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  SLA_SWEEP_BATCH = 200;

  /** Most complaints written in one intake transaction (group commit under load; see ComplaintIntake). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  INTAKE_BATCH_MAX = 64;

  /**
   * Intake transactions at once; further intakes wait and are written together in the next one. Two
   * measured best on 2 cores (bench, 50 connections: 1 ~1,290, 2 ~1,265, 4 ~1,100, 8 ~740 req/s): more
   * slots mean more batches of one, each paying every round trip of a batch.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  INTAKE_BATCH_CONCURRENCY = 2;

  /** How often spike detection looks for complaints piling up about one product or store. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  INCIDENT_SWEEP_INTERVAL_MS = 300_000;

  /** The window spike detection counts complaints in, in hours, until the lead sets spikeWindowHours. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(720)
  SPIKE_WINDOW_HOURS = 24;

  /** Complaints about one product or store that make a spike, until the lead sets spikeMinComplaints. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(10_000)
  SPIKE_MIN_COMPLAINTS = 5;

  /** How often early warning checks the KPIs of stores and categories against the lead's targets. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  ALERT_SWEEP_INTERVAL_MS = 900_000;

  /** The window early warning's figures cover, in days (trailing), until the lead sets alertWindowDays. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  ALERT_WINDOW_DAYS = 30;

  /** A figure on fewer cases decides nothing, until the lead sets alertMinCases (PolicyService.earlyWarning). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ALERT_MIN_CASES = 20;

  /** How often open corrective actions past their due time are announced (evt.complaints.corrective-action.overdue.v1). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  CORRECTIVE_ACTION_SWEEP_INTERVAL_MS = 300_000;
}
