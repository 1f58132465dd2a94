import { IsBoolean, Min } from 'class-validator';
import {
  IsCode,
  IsFiniteNumber,
  IsId,
  IsNestedList,
  IsNumberIn,
  IsRef,
  IsRefList,
  IsText,
  IsTimestamp,
  LONG_TEXT_MAX,
  OptionalField,
} from '../common/rules';
import { defineEvent } from '../registry';

/** The score of one touchpoint in a mystery-shopper audit. */
export class TouchpointScoreV1 {
  @IsCode() touchpoint!: string;
  @IsFiniteNumber() @Min(0) score!: number;
  @IsFiniteNumber() @Min(0) maxScore!: number;
  @IsBoolean() passed!: boolean;
}

/** A checklist item the store failed: leads to a corrective action. */
export class AuditFailedItemV1 {
  @IsRef() itemId!: string;
  @IsCode() touchpoint!: string;
  @OptionalField() @IsText(LONG_TEXT_MAX) note?: string;
}

/** A mystery-shopper audit of a store was completed and scored. */
export class AuditCompletedV1 {
  @IsId() auditId!: string;
  @IsRef() storeId!: string;
  @IsRef() auditorId!: string;
  /** Staff observed during the audit (employee numbers); may be empty. */
  @IsRefList() employeeIds!: string[];
  @IsNestedList(() => TouchpointScoreV1) touchpoints!: TouchpointScoreV1[];
  /** Overall score in percent, 0 to 100. */
  @IsNumberIn(0, 100) scorePct!: number;
  @IsBoolean() passed!: boolean;
  @IsNestedList(() => AuditFailedItemV1) failedItems!: AuditFailedItemV1[];
  @IsTimestamp() completedAt!: string;
}

export const auditCompletedV1 = defineEvent('evt.surveys.audit.completed.v1', AuditCompletedV1, {
  description:
    'A mystery-shopper audit was completed: training feeds scorecards and enrols staff in remedial training on failure.',
  consumers: ['training'],
});
