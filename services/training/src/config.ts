import { BaseConfig, IsIanaTimeZone } from '@cx/platform';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The training service's environment: the platform's variables plus its own. */
export class TrainingConfig extends BaseConfig {
  /**
   * The zone of a store the lead has not given one (admin, store zones): hire dates, due dates and
   * scorecard months are local dates of the store's zone.
   */
  @IsOptional()
  @IsIanaTimeZone()
  TRAINING_DEFAULT_TIME_ZONE = 'Asia/Shanghai';

  /** How often open months made stale by new or late events get their scorecards recomputed. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  SCORECARD_RECOMPUTE_INTERVAL_MS = 60_000;
}
