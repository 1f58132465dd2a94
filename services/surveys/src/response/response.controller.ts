import { ApiProblem, CurrentPrincipal, IdempotencyKey, Principal, Public, Roles } from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OfflineResponseDto, SubmitAnswersDto, TokenParams } from './dto/response.dto';
import { ResponseService } from './response.service';
import { PublicSurveyView, ResponseView } from './response.view';

/** The customer's side: no token, the link's secret is the key. */
@ApiTags('public surveys')
@Controller('public/surveys')
export class PublicSurveyController {
  constructor(private readonly responses: ResponseService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'The questions behind an answer link' })
  @ApiOkResponse({ type: PublicSurveyView })
  @ApiProblem(400, 'The token is malformed')
  @ApiProblem(404, 'No survey at this link (INVITATION_NOT_FOUND)')
  @ApiProblem(409, 'Answered already (INVITATION_ANSWERED)')
  @ApiProblem(410, 'The link has expired (INVITATION_EXPIRED)')
  survey(@Param() params: TokenParams): Promise<PublicSurveyView> {
    return this.responses.survey(params.token);
  }

  @Post(':token/answers')
  @Public()
  @HttpCode(201)
  @ApiOperation({ summary: 'Answer the survey, once' })
  @ApiCreatedResponse({ type: ResponseView })
  @ApiProblem(400, 'An answer is missing or out of range (the question is named)')
  @ApiProblem(404, 'No survey at this link (INVITATION_NOT_FOUND)')
  @ApiProblem(409, 'Answered already (INVITATION_ANSWERED)')
  @ApiProblem(410, 'The link has expired (INVITATION_EXPIRED)')
  answer(@Param() params: TokenParams, @Body() dto: SubmitAnswersDto): Promise<ResponseView> {
    return this.responses.answer(params.token, dto.answers);
  }
}

/** Staff entering answers given offline. */
@ApiTags('responses')
@Controller('responses')
export class ResponseController {
  constructor(private readonly responses: ResponseService) {}

  @Post('offline')
  @Roles('agent', 'lead')
  @ApiOperation({ summary: 'Enter an answer given on paper, by phone or in an interview' })
  @ApiCreatedResponse({ type: ResponseView, description: 'Recorded' })
  @ApiOkResponse({ type: ResponseView, description: 'A retry with the same Idempotency-Key' })
  @ApiProblem(400, 'A field or an answer is invalid (each one is named)')
  @ApiProblem(404, 'No such questionnaire')
  @ApiProblem(422, 'The Idempotency-Key was used with another body (IDEMPOTENCY_KEY_REUSED)')
  async offline(
    @Body() dto: OfflineResponseDto,
    @CurrentPrincipal() actor: Principal,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ResponseView> {
    const { status, body } = await this.responses.offline(dto, actor, key);
    void reply.status(status);
    return body;
  }
}
