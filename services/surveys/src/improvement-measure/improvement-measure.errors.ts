import { DomainError } from '@cx/platform';

export type ImprovementMeasureErrorCode =
  'IMPROVEMENT_MEASURE_NOT_FOUND' | 'CX_REPORT_NOT_FOUND' | 'NOT_YOUR_DEPARTMENT' | 'MEASURE_STATUS_FINAL';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<ImprovementMeasureErrorCode, number> = {
  IMPROVEMENT_MEASURE_NOT_FOUND: 404,
  CX_REPORT_NOT_FOUND: 422,
  NOT_YOUR_DEPARTMENT: 403,
  MEASURE_STATUS_FINAL: 409,
};

export class ImprovementMeasureError extends DomainError<ImprovementMeasureErrorCode> {
  constructor(code: ImprovementMeasureErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): ImprovementMeasureError {
    return new ImprovementMeasureError(
      'IMPROVEMENT_MEASURE_NOT_FOUND',
      `improvement measure ${id} does not exist`,
      {
        measureId: id,
      },
    );
  }

  static noReport(reportId: string): ImprovementMeasureError {
    return new ImprovementMeasureError('CX_REPORT_NOT_FOUND', `CX report ${reportId} does not exist`, {
      field: 'reportId',
      reportId,
    });
  }

  static notYours(department: string, dept: string | undefined): ImprovementMeasureError {
    return new ImprovementMeasureError(
      'NOT_YOUR_DEPARTMENT',
      `a lead answers for their own department only: ${dept ?? 'no department'}, not ${department}`,
      { field: 'department', department, dept: dept ?? null },
    );
  }

  static final(status: string, to: string): ImprovementMeasureError {
    return new ImprovementMeasureError('MEASURE_STATUS_FINAL', `a measure ${status} cannot become ${to}`, {
      field: 'status',
      from: status,
      to,
    });
  }
}
