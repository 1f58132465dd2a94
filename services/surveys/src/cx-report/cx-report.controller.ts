import {
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  CursorPageQuery,
  IdempotencyKey,
  Page,
  Principal,
  Roles,
} from '@cx/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateCxReportDto } from './dto/create-cx-report.dto';
import { CxReportService } from './cx-report.service';
import { CxReportView } from './cx-report.view';

const id = new ParseUUIDPipe();

/** HTTP only: one call to the service per handler; roles, validation and docs in decorators. */
@ApiTags('cx-reports')
@Controller('cx-reports')
export class CxReportController {
  constructor(private readonly cxReports: CxReportService) {}

  @Post()
  @Roles('system', 'agent')
  @ApiOperation({ summary: 'Create a cx report' })
  @ApiCreatedResponse({ type: CxReportView, description: 'Created' })
  @ApiOkResponse({
    type: CxReportView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The code is taken')
  @ApiProblem(422, 'The Idempotency-Key was sent before with another body')
  async create(
    @Body() dto: CreateCxReportDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CxReportView> {
    const { status, body } = await this.cxReports.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/cx-reports/${body.id}`);
    return body;
  }

  @Get()
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'CxReports, newest first, cursor-paginated' })
  @ApiPageResponse(CxReportView)
  @ApiProblem(400, 'The limit or the cursor is invalid')
  list(@Query() query: CursorPageQuery): Promise<Page<CxReportView>> {
    return this.cxReports.list(query);
  }

  @Get(':id')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'One cx report' })
  @ApiOkResponse({ type: CxReportView })
  @ApiProblem(404, 'No such cx report')
  get(@Param('id', id) cxReportId: string): Promise<CxReportView> {
    return this.cxReports.get(cxReportId);
  }
}
