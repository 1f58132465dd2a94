// What the periodic CX report (surveys, issue 18) shows of complaints beside the scorecard: the worst
// hot spots of the period, the KPI alerts still open and the corrective actions not yet verified.
import {
  IsCode,
  IsFiniteNumber,
  IsId,
  IsIntIn,
  IsNestedList,
  IsRef,
  IsText,
  IsTimestamp,
  Nullable,
  OptionalField,
} from '../common/rules';
import { defineRequest } from '../registry';

export class ReportDigestRequestV1 {
  @IsTimestamp() from!: string;
  @IsTimestamp() to!: string;
  /** The hot spots' counts are compared with [previousFrom, from). */
  @IsTimestamp() previousFrom!: string;
  /** One store; absent: the whole company. */
  @OptionalField() @IsRef() storeId?: string;
  /** How many hot spots per dimension, worst first. */
  @IsIntIn(1, 20) top!: number;
}

export class HotSpotV1 {
  /** A category code or a store id. */
  @IsRef() key!: string;
  @IsIntIn(0, Number.MAX_SAFE_INTEGER) count!: number;
  @IsIntIn(0, Number.MAX_SAFE_INTEGER) previousCount!: number;
}

export class OpenKpiAlertV1 {
  @IsId() alertId!: string;
  @IsCode() metric!: string;
  /** `store` or `category`, and its store id or category code. */
  @IsCode() scope!: string;
  @IsRef() key!: string;
  @IsFiniteNumber() value!: number;
  @IsFiniteNumber() target!: number;
  @IsTimestamp() raisedAt!: string;
}

export class OpenCorrectiveActionV1 {
  @IsId() actionId!: string;
  @IsText() title!: string;
  @Nullable() @IsCode() department!: string | null;
  @IsRef() ownerId!: string;
  @IsTimestamp() dueAt!: string;
  /** `open` or `done` (not yet verified). */
  @IsCode() status!: string;
}

export class ReportDigestReplyV1 {
  @IsNestedList(() => HotSpotV1, 20) categories!: HotSpotV1[];
  @IsNestedList(() => HotSpotV1, 20) stores!: HotSpotV1[];
  @IsNestedList(() => OpenKpiAlertV1, 100) openAlerts!: OpenKpiAlertV1[];
  @IsNestedList(() => OpenCorrectiveActionV1, 100) correctiveActions!: OpenCorrectiveActionV1[];
}

export const getReportDigestV1 = defineRequest(
  'rpc.complaints.get-report-digest.v1',
  ReportDigestRequestV1,
  ReportDigestReplyV1,
  {
    description:
      "complaints' part of the periodic CX report: the period's worst categories and stores with the previous period's counts, the KPI alerts still open and the corrective actions not yet verified (at most 100 each, oldest first).",
    consumers: ['surveys'],
  },
);
