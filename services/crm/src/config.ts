import { BaseConfig } from '@cx/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The crm service's environment: the platform's variables plus its own. */
export class CrmConfig extends BaseConfig {
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
