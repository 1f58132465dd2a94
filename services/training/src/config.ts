import { BaseConfig, IsIanaTimeZone } from '@cx/platform';
import { IsOptional } from 'class-validator';

/** The training service's environment: the platform's variables plus its own. */
export class TrainingConfig extends BaseConfig {
  /**
   * The zone of a store the lead has not given one (admin, store zones): hire dates, due dates and
   * scorecard months are local dates of the store's zone.
   */
  @IsOptional()
  @IsIanaTimeZone()
  TRAINING_DEFAULT_TIME_ZONE = 'Asia/Shanghai';
}
