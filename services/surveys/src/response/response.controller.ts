import { ApiProblem, CurrentPrincipal, Principal, Public, Roles } from '@cx/platform';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  @HttpCode(201)
  @ApiOperation({ summary: 'Enter an answer given on paper, by phone or in an interview' })
  @ApiCreatedResponse({ type: ResponseView })
  @ApiProblem(400, 'A field or an answer is invalid (each one is named)')
  @ApiProblem(404, 'No such questionnaire')
  offline(@Body() dto: OfflineResponseDto, @CurrentPrincipal() actor: Principal): Promise<ResponseView> {
    return this.responses.offline(dto, actor);
  }
}
