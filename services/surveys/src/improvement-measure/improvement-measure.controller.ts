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
import { CreateImprovementMeasureDto } from './dto/create-improvement-measure.dto';
import { ImprovementMeasureService } from './improvement-measure.service';
import { ImprovementMeasureView } from './improvement-measure.view';

const id = new ParseUUIDPipe();

/** HTTP only: one call to the service per handler; roles, validation and docs in decorators. */
@ApiTags('improvement-measures')
@Controller('improvement-measures')
export class ImprovementMeasureController {
  constructor(private readonly improvementMeasures: ImprovementMeasureService) {}

  @Post()
  @Roles('system', 'agent')
  @ApiOperation({ summary: 'Create a improvement measure' })
  @ApiCreatedResponse({ type: ImprovementMeasureView, description: 'Created' })
  @ApiOkResponse({
    type: ImprovementMeasureView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The code is taken')
  @ApiProblem(422, 'The Idempotency-Key was sent before with another body')
  async create(
    @Body() dto: CreateImprovementMeasureDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImprovementMeasureView> {
    const { status, body } = await this.improvementMeasures.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/improvement-measures/${body.id}`);
    return body;
  }

  @Get()
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'ImprovementMeasures, newest first, cursor-paginated' })
  @ApiPageResponse(ImprovementMeasureView)
  @ApiProblem(400, 'The limit or the cursor is invalid')
  list(@Query() query: CursorPageQuery): Promise<Page<ImprovementMeasureView>> {
    return this.improvementMeasures.list(query);
  }

  @Get(':id')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'One improvement measure' })
  @ApiOkResponse({ type: ImprovementMeasureView })
  @ApiProblem(404, 'No such improvement measure')
  get(@Param('id', id) improvementMeasureId: string): Promise<ImprovementMeasureView> {
    return this.improvementMeasures.get(improvementMeasureId);
  }
}
