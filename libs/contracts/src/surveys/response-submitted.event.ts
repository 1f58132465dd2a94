import { IsBoolean, IsIn, ValidateIf } from 'class-validator';
import { SURVEY_SUBJECT_TYPES, SURVEY_TRIGGERS, SurveySubjectType, SurveyTrigger } from '../common/enums';
import {
  IsCode,
  IsId,
  IsIntIn,
  IsNested,
  IsRef,
  IsText,
  IsTimestamp,
  LONG_TEXT_MAX,
  OptionalField,
} from '../common/rules';
import { defineEvent } from '../registry';

/** What a survey response is about: a complaint, repair, order or store (id required), or nothing in particular. */
export class SurveySubjectRefV1 {
  @IsIn(SURVEY_SUBJECT_TYPES) type!: SurveySubjectType;
  /** complaintId / repairId (UUIDs), order number or store code; required unless type is `none`. */
  @ValidateIf((ref: SurveySubjectRefV1) => ref.type !== 'none' || ref.id !== undefined)
  @IsRef()
  id?: string;
}

/** A customer answered a satisfaction survey; a dissatisfied answer about a complaint reopens it. */
export class ResponseSubmittedV1 {
  @IsId() responseId!: string;
  @IsId() surveyId!: string;
  @IsIn(SURVEY_TRIGGERS) trigger!: SurveyTrigger;
  @IsNested(() => SurveySubjectRefV1) subject!: SurveySubjectRefV1;
  @OptionalField() @IsId() customerId?: string;
  @OptionalField() @IsRef() storeId?: string;
  @OptionalField() @IsRef() employeeId?: string;
  /** Touchpoint code from the touchpoint registry (open list), e.g. `checkout`, `after-sales`. */
  @OptionalField() @IsCode() touchpoint?: string;
  /** Customer satisfaction score, 1 (very dissatisfied) to 5 (very satisfied). */
  @OptionalField() @IsIntIn(1, 5) csat?: number;
  /** Net promoter score answer, 0 to 10. */
  @OptionalField() @IsIntIn(0, 10) nps?: number;
  /** The survey's verdict (e.g. csat >= 4, or the explicit "are you satisfied" answer): what the >= 90% target counts. */
  @IsBoolean() satisfied!: boolean;
  /** Free text from the customer; may contain personal data, so consumers scrub it on customer.erased. */
  @OptionalField() @IsText(LONG_TEXT_MAX) comment?: string;
  @IsTimestamp() submittedAt!: string;
}

export const responseSubmittedV1 = defineEvent('evt.surveys.response.submitted.v1', ResponseSubmittedV1, {
  description:
    'A survey response came in: complaints reopens the complaint if dissatisfied; training feeds scorecards.',
  consumers: ['complaints', 'training', 'crm', 'aftersales'],
});
