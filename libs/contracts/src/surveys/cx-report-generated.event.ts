import { IsCode, IsId, IsIntIn, IsRef, IsText, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

/** A periodic CX report was made and stored: the committee and the departments are told where it is. */
export class CxReportGeneratedV1 {
  @IsId() reportId!: string;
  /** `month` or `quarter`. */
  @IsCode() period!: string;
  /** The period's label: `2026-11`, `2026-Q4`. */
  @IsRef() label!: string;
  @IsTimestamp() from!: string;
  @IsTimestamp() to!: string;
  /** One store; absent: the whole company. */
  @OptionalField() @IsRef() storeId?: string;
  /** zh-CN or en. */
  @IsRef() language!: string;
  /** Figures of the scorecard that missed their target. */
  @IsIntIn(0, 100) missed!: number;
  /** Where the PDF is downloaded (a lead's token is needed): the link the notification carries. */
  @IsText(500) pdfUrl!: string;
  @IsTimestamp() generatedAt!: string;
}

export const cxReportGeneratedV1 = defineEvent('evt.surveys.cx-report.generated.v1', CxReportGeneratedV1, {
  description:
    'A periodic CX report (PDF) was generated and stored: the committee and the department leads are told (a notification sender).',
});
