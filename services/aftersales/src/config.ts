import { BaseConfig, IsIanaTimeZone } from '@cx/platform';
import { IsOptional } from 'class-validator';

/** The aftersales service's environment: the platform's variables plus its own. */
export class AftersalesConfig extends BaseConfig {
  /**
   * The zone of a store a lead has not given one (admin: policies/stores): return windows and warranty
   * ends are counted in the store's local days.
   */
  @IsOptional()
  @IsIanaTimeZone()
  DEFAULT_STORE_TIME_ZONE = 'Asia/Shanghai';
}
