import { BaseConfig } from '@cx/platform';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { IsIanaTimeZone } from '@cx/platform';
import { REPORT_LANGUAGES, ReportLanguage } from './cx-report/cx-report.rules';

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

  /**
   * The CX report's font: a TrueType/OpenType file or collection with CJK glyphs (Debian's
   * fonts-noto-cjk; infra/local/ensure-infra.sh and the image install it).
   */
  @IsOptional()
  @IsString()
  CX_REPORT_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

  /** The face inside a collection (.ttc); empty for a single-font file. */
  @IsOptional()
  @IsString()
  CX_REPORT_FONT_FAMILY = 'NotoSansCJKsc-Regular';

  /** The calendar of report periods (a month starts at local midnight here). */
  @IsOptional()
  @IsIanaTimeZone()
  CX_REPORT_TIME_ZONE = 'Asia/Shanghai';

  /** The language of scheduled reports; on request a lead may ask for another. */
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  CX_REPORT_LANGUAGE: ReportLanguage = 'zh-CN';

  /** How often the scheduler looks for a period that has closed without its report. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  CX_REPORT_INTERVAL_MS = 900_000;
}
