import {
  AnyLead,
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  IdempotencyKey,
  Page,
  Principal,
  Roles,
  sendStoredFile,
} from '@cx/platform';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateCxReportDto } from './dto/create-cx-report.dto';
import { ListCxReportsQuery } from './dto/list-cx-reports.query';
import { CxReportService } from './cx-report.service';
import { CxReportView } from './cx-report.view';

const id = new ParseUUIDPipe();

/**
 * The periodic CX report: made on request by the CX lead (surveys' lead), read by the committee and
 * every department's lead (@AnyLead), who answer it with improvement measures.
 */
@ApiTags('cx-reports')
@Controller('cx-reports')
export class CxReportController {
  constructor(private readonly reports: CxReportService) {}

  @Post()
  @Roles('lead')
  @ApiOperation({
    summary:
      'Make a CX report now (PDF: scorecard, trend charts, hot spots, open alerts, corrective actions, improvement measures) for an ended month or quarter, of the company or one store; stored and sent to the committee',
  })
  @ApiCreatedResponse({ type: CxReportView, description: 'Made and stored' })
  @ApiOkResponse({
    type: CxReportView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The period has not ended yet')
  @ApiProblem(422, 'The Idempotency-Key was sent before with another body')
  async create(
    @Body() dto: CreateCxReportDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CxReportView> {
    const { status, body } = await this.reports.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/cx-reports/${body.id}`);
    return body;
  }

  @Get()
  @Roles('lead')
  @AnyLead()
  @ApiOperation({ summary: 'CX reports, newest first, cursor-paginated' })
  @ApiPageResponse(CxReportView)
  @ApiProblem(400, 'The limit, the cursor or a filter is invalid')
  list(@Query() query: ListCxReportsQuery): Promise<Page<CxReportView>> {
    return this.reports.list(query);
  }

  @Get(':id')
  @Roles('lead')
  @AnyLead()
  @ApiOperation({ summary: 'One CX report: its period, scope, scorecard figures and where its PDF is' })
  @ApiOkResponse({ type: CxReportView })
  @ApiProblem(404, 'No such report')
  get(@Param('id', id) reportId: string): Promise<CxReportView> {
    return this.reports.get(reportId);
  }

  @Get(':id/pdf')
  @Roles('lead')
  @AnyLead()
  @ApiOperation({ summary: 'The report as a PDF' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblem(404, 'No such report')
  async pdf(@Param('id', id) reportId: string, @Res() reply: FastifyReply): Promise<void> {
    const { file, filename } = await this.reports.pdf(reportId);
    void reply.header('content-disposition', `attachment; filename="${filename}"`);
    await sendStoredFile(reply, file);
  }
}
