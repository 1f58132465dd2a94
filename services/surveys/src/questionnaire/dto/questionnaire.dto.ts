import { IsCode, IsIntIn, IsNested, IsNestedList, OptionalField } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn } from 'class-validator';
import { LocalizedTextDto } from '../../common/texts';
import { QUESTION_TYPES, QuestionType } from '../questions.rules';

export class ChoiceDto {
  @ApiProperty({ example: 'store' }) @IsCode(40) key!: string;
  @ApiProperty({ type: LocalizedTextDto }) @IsNested(() => LocalizedTextDto) text!: LocalizedTextDto;
}

export class ShowIfDto {
  @ApiProperty({ example: 'overall', description: 'Key of an earlier CSAT or NPS question' })
  @IsCode(40)
  question!: string;

  @ApiProperty({ example: 3, description: 'Asked when that score is at most this' })
  @IsIntIn(0, 10)
  atMost!: number;
}

export class QuestionDto {
  @ApiProperty({ example: 'overall' }) @IsCode(40) key!: string;
  @ApiProperty({ enum: QUESTION_TYPES }) @IsIn(QUESTION_TYPES) type!: QuestionType;
  @ApiProperty() @IsBoolean() required!: boolean;
  @ApiProperty({ type: LocalizedTextDto }) @IsNested(() => LocalizedTextDto) text!: LocalizedTextDto;

  @ApiPropertyOptional({ example: 'after-sales', description: 'Key touchpoint the question measures' })
  @OptionalField()
  @IsCode()
  touchpoint?: string;

  @ApiPropertyOptional({ type: [ChoiceDto], description: 'single and multiple choice' })
  @OptionalField()
  @IsNestedList(() => ChoiceDto, 30)
  options?: ChoiceDto[];

  @ApiPropertyOptional({ type: [ChoiceDto], description: 'grid rows, each rated 1 to 5' })
  @OptionalField()
  @IsNestedList(() => ChoiceDto, 30)
  rows?: ChoiceDto[];

  @ApiPropertyOptional({ type: ShowIfDto, description: 'Branching: a follow-up after a low score' })
  @OptionalField()
  @IsNested(() => ShowIfDto)
  showIf?: ShowIfDto;
}

/** POST /questionnaires: the questionnaire and its version 1. */
export class CreateQuestionnaireDto {
  @ApiProperty({ example: 'after-repair' }) @IsCode() code!: string;
  @ApiProperty({ type: LocalizedTextDto }) @IsNested(() => LocalizedTextDto) title!: LocalizedTextDto;
  @ApiProperty({ type: [QuestionDto] }) @IsNestedList(() => QuestionDto, 100) questions!: QuestionDto[];
}

/** POST /questionnaires/{id}/versions: the next version, used by invitations made from now on. */
export class CreateVersionDto {
  @ApiProperty({ type: [QuestionDto] }) @IsNestedList(() => QuestionDto, 100) questions!: QuestionDto[];
}
