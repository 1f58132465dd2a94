import { BaseConfig } from '@cx/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The crm service's environment: the platform's variables plus its own (none yet). */
export class CrmConfig extends BaseConfig {
  /** How often the care job recomputes the segments (RFM quintiles, VIP, at risk); one replica at a time. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  @Max(604_800_000)
  SEGMENTS_INTERVAL_MS = 21_600_000;
}
