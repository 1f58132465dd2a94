import { BaseConfig } from '@cx/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The crm service's environment: the platform's variables plus its own. */
export class CrmConfig extends BaseConfig {
  /** How often the loyalty sweeper releases, expires and reminds of points and reviews tiers. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  LOYALTY_SWEEP_INTERVAL_MS = 60_000;

  /** Customers (or tiers) handled per loyalty sweeper batch (claimed with FOR UPDATE SKIP LOCKED). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOYALTY_SWEEP_BATCH = 500;

  /** Most single POST /purchases written in one transaction (group commit, ADR 8). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  PURCHASE_BATCH_MAX = 64;

  /** Batches of single POST /purchases written at once; new ones wait meanwhile and form the next batch. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  PURCHASE_BATCH_CONCURRENCY = 2;

  /** How often the care job recomputes the segments (RFM quintiles, VIP, at risk); one replica at a time. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  @Max(604_800_000)
  SEGMENTS_INTERVAL_MS = 21_600_000;

  /** How often the retention job anonymises profiles inactive longer than the lead's setting. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  CUSTOMER_RETENTION_INTERVAL_MS = 3_600_000;

  /** Profiles claimed per retention batch (FOR UPDATE SKIP LOCKED, one transaction each). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  CUSTOMER_RETENTION_BATCH = 200;
}
