import { ApiProperty } from '@nestjs/swagger';

export class CountView {
  @ApiProperty() key!: string;
  @ApiProperty() count!: number;
}

export class ReturnKpisView {
  @ApiProperty() requested!: number;
  @ApiProperty({ description: 'Completed or rejected' }) resolved!: number;
  @ApiProperty({ type: Number, nullable: true }) resolutionRatePct!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Answered (approved or rejected) within 24 h' })
  firstResponseWithin24hPct!: number | null;
  @ApiProperty() refundedMinor!: number;
  @ApiProperty({ type: [CountView] }) byReason!: CountView[];
  @ApiProperty({ type: [CountView] }) byCategory!: CountView[];
  @ApiProperty({ type: [CountView] }) byStore!: CountView[];
}

export class RepairKpisView {
  @ApiProperty() requested!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ type: Number, nullable: true }) resolutionRatePct!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Request to completion, hours' })
  averageTurnaroundHours!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "Satisfied at confirmation (step 6, the technician's record); the target is judged on surveys",
  })
  satisfiedPct!: number | null;
  @ApiProperty({ description: 'Free repairs of quality faults under warranty, at list prices' })
  warrantyCostMinor!: number;
  @ApiProperty({ type: [CountView], description: 'Repairs per technician' }) technicianLoad!: CountView[];
}

/** Survey answers of one kind (repairs or returns) submitted in the period. */
export class SurveyAnswersView {
  @ApiProperty() answered!: number;
  @ApiProperty() satisfied!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'satisfied / answered' })
  satisfiedPct!: number | null;
}

/**
 * Surveys' answers about after-sales, by the period they were given in: the return visit after a repair
 * and the survey after a completed return; the totals are what the >= 90 % target is judged on.
 */
export class SurveySatisfactionView {
  @ApiProperty({ description: 'Survey answers about repairs and returns submitted in the period' })
  answered!: number;
  @ApiProperty() satisfied!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'satisfied / answered, the >= 90 % target' })
  satisfiedPct!: number | null;
  @ApiProperty({ type: SurveyAnswersView, description: 'The return visits after repairs' })
  repairs!: SurveyAnswersView;
  @ApiProperty({ type: SurveyAnswersView, description: 'The surveys after completed returns and exchanges' })
  returns!: SurveyAnswersView;
}

export class TargetsView {
  @ApiProperty({ example: 24 }) firstResponseHours!: number;
  @ApiProperty({ example: 95 }) resolutionRatePct!: number;
  @ApiProperty({ example: 90 }) satisfactionPct!: number;
  @ApiProperty({ type: Boolean, nullable: true }) returnsResolutionMet!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) repairsResolutionMet!: boolean | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: "Judged on surveys' answers (surveySatisfaction)",
  })
  satisfactionMet!: boolean | null;
}

export class AftersalesKpisView {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: String, nullable: true }) storeId!: string | null;
  @ApiProperty({ type: ReturnKpisView }) returns!: ReturnKpisView;
  @ApiProperty({ type: RepairKpisView }) repairs!: RepairKpisView;
  @ApiProperty({ type: SurveySatisfactionView }) surveySatisfaction!: SurveySatisfactionView;
  @ApiProperty({ type: TargetsView }) targets!: TargetsView;
}
