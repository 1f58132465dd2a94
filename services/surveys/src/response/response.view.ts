import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../common/texts';
import { QuestionDto } from '../questionnaire/dto/questionnaire.dto';
import { ResponseEntity } from './response.entity';

/** What the customer sees at the answer link: the questions in their version, nothing personal. */
export class PublicSurveyView {
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ example: 'zh-CN' }) language!: string;
  @ApiProperty({ type: [QuestionDto] }) questions!: QuestionDto[];
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class ResponseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) questionnaireId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() trigger!: string;
  @ApiProperty({ type: String, nullable: true }) storeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) employeeId!: string | null;
  @ApiProperty({ type: String, nullable: true }) touchpoint!: string | null;
  @ApiProperty({ type: Number, nullable: true }) csat!: number | null;
  @ApiProperty({ type: Number, nullable: true }) nps!: number | null;
  @ApiProperty() satisfied!: boolean;
  @ApiProperty() mode!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
}

export const toResponseView = (r: ResponseEntity): ResponseView => ({
  id: r.id,
  questionnaireId: r.questionnaireId,
  version: r.version,
  trigger: r.trigger,
  storeId: r.storeId,
  employeeId: r.employeeId,
  touchpoint: r.touchpoint,
  csat: r.csat,
  nps: r.nps,
  satisfied: r.satisfied,
  mode: r.mode,
  submittedAt: r.submittedAt.toISOString(),
});
