import { AdminController } from '@cx/platform';
import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { KpiAlertService } from './kpi-alert.service';
import { KpiAlertView } from './kpi-alert.view';

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: ['open', 'recovered'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'recovered'])
  status: 'open' | 'recovered' = 'open';

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit: number = 100;
}

/** Early warning: the KPIs of stores and categories below the lead's targets (docs/complaints/admin-api.md). */
@AdminController('alerts', { tag: 'admin: analytics' })
export class KpiAlertController {
  constructor(private readonly alerts: KpiAlertService) {}

  @Get()
  @ApiOperation({ summary: 'Early-warning alerts, newest first: open (not recovered) by default' })
  @ApiOkResponse({ type: [KpiAlertView] })
  list(@Query() query: ListAlertsQuery): Promise<KpiAlertView[]> {
    return this.alerts.list(query.status, query.limit);
  }
}
