import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../common/texts';
import { QuestionDto } from './dto/questionnaire.dto';
import { QuestionnaireEntity, QuestionnaireVersionEntity } from './questionnaire.entity';

export class QuestionnaireVersionView {
  @ApiProperty({ format: 'uuid' }) questionnaireId!: string;
  @ApiProperty({ example: 2 }) version!: number;
  @ApiProperty({ type: [QuestionDto] }) questions!: QuestionDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'E10001' }) createdBy!: string;
}

export class QuestionnaireView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'after-repair' }) code!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty({ example: 2, description: 'The version new invitations use' }) currentVersion!: number;
  @ApiProperty({ type: QuestionnaireVersionView }) current!: QuestionnaireVersionView;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'E10001' }) createdBy!: string;
}

export function toVersionView(v: QuestionnaireVersionEntity): QuestionnaireVersionView {
  return {
    questionnaireId: v.questionnaireId,
    version: v.version,
    questions: v.questions,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
  };
}

export function toQuestionnaireView(
  q: QuestionnaireEntity,
  current: QuestionnaireVersionEntity,
): QuestionnaireView {
  return {
    id: q.id,
    code: q.code,
    title: q.title,
    currentVersion: q.currentVersion,
    current: toVersionView(current),
    createdAt: q.createdAt.toISOString(),
    createdBy: q.createdBy,
  };
}
