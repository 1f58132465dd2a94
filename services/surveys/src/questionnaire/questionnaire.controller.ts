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
import { CreateQuestionnaireDto, CreateVersionDto } from './dto/questionnaire.dto';
import { QuestionnaireService } from './questionnaire.service';
import { QuestionnaireVersionView, QuestionnaireView } from './questionnaire.view';

const id = new ParseUUIDPipe();

@ApiTags('questionnaires')
@Controller('questionnaires')
export class QuestionnaireController {
  constructor(private readonly questionnaires: QuestionnaireService) {}

  @Post()
  @Roles('lead')
  @ApiOperation({ summary: 'Create a questionnaire with its version 1' })
  @ApiCreatedResponse({ type: QuestionnaireView, description: 'Created' })
  @ApiOkResponse({ type: QuestionnaireView, description: 'A retry with the same Idempotency-Key' })
  @ApiProblem(400, 'A field or a question is invalid (each one is named)')
  @ApiProblem(409, 'The code is taken')
  @ApiProblem(422, 'A touchpoint is not registered, or the Idempotency-Key was used with another body')
  async create(
    @Body() dto: CreateQuestionnaireDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuestionnaireView> {
    const { status, body } = await this.questionnaires.create(dto, actor, key);
    void reply.status(status).header('location', `/api/v1/questionnaires/${body.id}`);
    return body;
  }

  @Post(':id/versions')
  @Roles('lead')
  @ApiOperation({ summary: 'Publish the next version of a questionnaire' })
  @ApiCreatedResponse({ type: QuestionnaireVersionView, description: 'Published' })
  @ApiOkResponse({ type: QuestionnaireVersionView, description: 'A retry with the same Idempotency-Key' })
  @ApiProblem(400, 'A question is invalid (each one is named)')
  @ApiProblem(404, 'No such questionnaire')
  @ApiProblem(422, 'A touchpoint is not registered, or the Idempotency-Key was used with another body')
  async addVersion(
    @Param('id', id) questionnaireId: string,
    @Body() dto: CreateVersionDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QuestionnaireVersionView> {
    const { status, body } = await this.questionnaires.addVersion(questionnaireId, dto, actor, key);
    void reply.status(status);
    return body;
  }

  @Get()
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Questionnaires, newest first, cursor-paginated' })
  @ApiPageResponse(QuestionnaireView)
  @ApiProblem(400, 'The limit or the cursor is invalid')
  list(@Query() query: CursorPageQuery): Promise<Page<QuestionnaireView>> {
    return this.questionnaires.list(query);
  }

  @Get(':id')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'One questionnaire with its current version' })
  @ApiOkResponse({ type: QuestionnaireView })
  @ApiProblem(404, 'No such questionnaire')
  get(@Param('id', id) questionnaireId: string): Promise<QuestionnaireView> {
    return this.questionnaires.get(questionnaireId);
  }

  @Get(':id/versions')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Every version of a questionnaire, oldest first (what each answer answered)' })
  @ApiOkResponse({ type: [QuestionnaireVersionView] })
  @ApiProblem(404, 'No such questionnaire')
  versions(@Param('id', id) questionnaireId: string): Promise<QuestionnaireVersionView[]> {
    return this.questionnaires.versions(questionnaireId);
  }
}
