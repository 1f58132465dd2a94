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
import { CreateTouchpointDto } from './dto/create-touchpoint.dto';
import { TouchpointService } from './touchpoint.service';
import { TouchpointView } from './touchpoint.view';

const id = new ParseUUIDPipe();

/** HTTP only: one call to the service per handler; roles, validation and docs in decorators. */
@ApiTags('touchpoints')
@Controller('touchpoints')
export class TouchpointController {
  constructor(private readonly touchpoints: TouchpointService) {}

  @Post()
  @Roles('lead')
  @ApiOperation({ summary: 'Register a key touchpoint (quality lead)' })
  @ApiCreatedResponse({ type: TouchpointView, description: 'Created' })
  @ApiOkResponse({
    type: TouchpointView,
    description: 'A retry with the same Idempotency-Key: the first answer',
  })
  @ApiProblem(400, 'A field is invalid (each one is named)')
  @ApiProblem(409, 'The code is taken')
  @ApiProblem(422, 'The Idempotency-Key was sent before with another body')
  async create(
    @Body() dto: CreateTouchpointDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TouchpointView> {
    const { status, body } = await this.touchpoints.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/touchpoints/${body.id}`);
    return body;
  }

  @Get()
  @Roles('agent', 'auditor', 'lead')
  @ApiOperation({ summary: 'Touchpoints, newest first, cursor-paginated' })
  @ApiPageResponse(TouchpointView)
  @ApiProblem(400, 'The limit or the cursor is invalid')
  list(@Query() query: CursorPageQuery): Promise<Page<TouchpointView>> {
    return this.touchpoints.list(query);
  }

  @Get(':id')
  @Roles('agent', 'auditor', 'lead')
  @ApiOperation({ summary: 'One touchpoint' })
  @ApiOkResponse({ type: TouchpointView })
  @ApiProblem(404, 'No such touchpoint')
  get(@Param('id', id) touchpointId: string): Promise<TouchpointView> {
    return this.touchpoints.get(touchpointId);
  }
}
