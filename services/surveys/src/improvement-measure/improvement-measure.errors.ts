import { DomainError } from '@cx/platform';

export type ImprovementMeasureErrorCode = 'IMPROVEMENT_MEASURE_NOT_FOUND' | 'IMPROVEMENT_MEASURE_CODE_TAKEN';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<ImprovementMeasureErrorCode, number> = {
  IMPROVEMENT_MEASURE_NOT_FOUND: 404,
  IMPROVEMENT_MEASURE_CODE_TAKEN: 409,
};

export class ImprovementMeasureError extends DomainError<ImprovementMeasureErrorCode> {
  constructor(code: ImprovementMeasureErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): ImprovementMeasureError {
    return new ImprovementMeasureError(
      'IMPROVEMENT_MEASURE_NOT_FOUND',
      `improvement measure ${id} does not exist`,
      { improvementMeasureId: id },
    );
  }

  static codeTaken(code: string): ImprovementMeasureError {
    return new ImprovementMeasureError(
      'IMPROVEMENT_MEASURE_CODE_TAKEN',
      `a improvement measure with code ${code} exists already`,
      {
        field: 'code',
      },
    );
  }
}
