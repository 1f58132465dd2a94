import {
  AnyLead,
  ApiPageResponse,
  ApiProblem,
  CurrentPrincipal,
  IdempotencyKey,
  Page,
  Principal,
  Roles,
} from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateImprovementMeasureDto, MeasureStatusDto } from './dto/create-improvement-measure.dto';
import { ListImprovementMeasuresQuery } from './dto/list-improvement-measures.query';
import { ImprovementMeasureService } from './improvement-measure.service';
import { ImprovementMeasureView } from './improvement-measure.view';

const id = new ParseUUIDPipe();

/**
 * The departments' improvement measures answering a CX report. Every department's lead may call
 * (@AnyLead); a lead writes for the department of their `dept` claim only (403 NOT_YOUR_DEPARTMENT).
 */
@ApiTags('improvement-measures')
@Controller('improvement-measures')
@Roles('lead')
@AnyLead()
export class ImprovementMeasureController {
  constructor(private readonly measures: ImprovementMeasureService) {}

  @Post()
  @ApiOperation({
    summary:
      "A department's improvement measure answering a CX report: goal, owner, due date and the scorecard KPI it must move",
  })
  @ApiCreatedResponse({ type: ImprovementMeasureView, description: 'Created' })
  @ApiOkResponse({
    type: ImprovementMeasureView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(403, 'A lead answers for their own department only')
  @ApiProblem(422, 'No such report, or the Idempotency-Key was sent before with another body')
  async create(
    @Body() dto: CreateImprovementMeasureDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImprovementMeasureView> {
    const { status, body } = await this.measures.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/improvement-measures/${body.id}`);
    return body;
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a measure: planned, in-progress, done, or dropped' })
  @ApiOkResponse({ type: ImprovementMeasureView })
  @ApiProblem(400, 'The status is invalid')
  @ApiProblem(403, 'A lead answers for their own department only')
  @ApiProblem(404, 'No such measure')
  @ApiProblem(409, 'Done and dropped are final')
  setStatus(
    @Param('id', id) measureId: string,
    @Body() dto: MeasureStatusDto,
    @CurrentPrincipal() actor: Principal,
  ): Promise<ImprovementMeasureView> {
    return this.measures.setStatus(measureId, dto.status, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Improvement measures, newest first, cursor-paginated' })
  @ApiPageResponse(ImprovementMeasureView)
  @ApiProblem(400, 'The limit, the cursor or a filter is invalid')
  list(@Query() query: ListImprovementMeasuresQuery): Promise<Page<ImprovementMeasureView>> {
    return this.measures.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One improvement measure' })
  @ApiOkResponse({ type: ImprovementMeasureView })
  @ApiProblem(404, 'No such improvement measure')
  get(@Param('id', id) measureId: string): Promise<ImprovementMeasureView> {
    return this.measures.get(measureId);
  }
}
