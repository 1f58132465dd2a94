import { DomainError } from '@cx/platform';

export type CxReportErrorCode = 'CX_REPORT_NOT_FOUND' | 'CX_REPORT_PERIOD_NOT_CLOSED';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<CxReportErrorCode, number> = {
  CX_REPORT_NOT_FOUND: 404,
  CX_REPORT_PERIOD_NOT_CLOSED: 409,
};

export class CxReportError extends DomainError<CxReportErrorCode> {
  constructor(code: CxReportErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): CxReportError {
    return new CxReportError('CX_REPORT_NOT_FOUND', `CX report ${id} does not exist`, { reportId: id });
  }

  static notClosed(label: string): CxReportError {
    return new CxReportError('CX_REPORT_PERIOD_NOT_CLOSED', `period ${label} has not ended yet`, {
      field: 'label',
      label,
    });
  }
}
