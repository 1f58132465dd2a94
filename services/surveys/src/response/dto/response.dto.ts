import { IsId, IsRef, OptionalField, SURVEY_SUBJECT_TYPES, SurveySubjectType } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsUUID, Matches } from 'class-validator';
import { RESPONSE_MODES, ResponseMode } from '../response.entity';

export class TokenParams {
  @ApiProperty({ description: 'The token of the answer link' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  token!: string;
}

/** POST /public/surveys/{token}/answers */
export class SubmitAnswersDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { overall: 2, why: '等了很久', recommend: 6 },
    description:
      'Answers by question key: a score, an option key, a list of option keys, row ratings, or text',
  })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class OfflineSubjectDto {
  @ApiProperty({ enum: SURVEY_SUBJECT_TYPES }) @IsIn(SURVEY_SUBJECT_TYPES) type!: SurveySubjectType;
  @ApiPropertyOptional() @OptionalField() @IsRef() id?: string;
}

/** POST /responses/offline: an answer given on paper, by phone or in an interview, entered by staff. */
export class OfflineResponseDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionnaireId!: string;
  @ApiProperty({ enum: RESPONSE_MODES.filter((m) => m !== 'online') })
  @IsIn(RESPONSE_MODES.filter((m) => m !== 'online'))
  mode!: Exclude<ResponseMode, 'online'>;
  @ApiProperty({ example: 'SH-001' }) @IsRef() storeId!: string;
  @ApiPropertyOptional({ example: 'E10001' }) @OptionalField() @IsRef() employeeId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @OptionalField() @IsId() customerId?: string;
  @ApiPropertyOptional({ type: OfflineSubjectDto })
  @OptionalField()
  @IsObject()
  subject?: OfflineSubjectDto;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { overall: 5 } })
  @IsObject()
  answers!: Record<string, unknown>;
}
