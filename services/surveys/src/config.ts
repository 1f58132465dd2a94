import { BaseConfig } from '@cx/platform';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Max, Min } from 'class-validator';

/** The surveys service's environment: the platform's variables (the notifier's among them) plus its own. */
export class SurveysConfig extends BaseConfig {
  /** How often due invitations are sent. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  SURVEY_SEND_INTERVAL_MS = 60_000;

  /** Invitations claimed per sending batch (FOR UPDATE SKIP LOCKED). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000)
  SURVEY_SEND_BATCH = 50;

  /** Campaign members invited per transaction (ADR 0025). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5_000)
  SURVEY_CAMPAIGN_BATCH = 200;

  /** How often the early warning is checked. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  SURVEY_ALERT_INTERVAL_MS = 300_000;

  /** How often closed days' answers are rolled up into response_daily (ADR 0024). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  SURVEY_ROLLUP_INTERVAL_MS = 600_000;

  /** Where customers open their answer link: `<this>/api/v1/public/surveys/<token>`. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\/+$/, '') : value,
  )
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  SURVEYS_PUBLIC_URL = 'http://127.0.0.1:3004';
}
