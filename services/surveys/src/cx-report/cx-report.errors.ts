import { DomainError } from '@cx/platform';

export type CxReportErrorCode = 'CX_REPORT_NOT_FOUND' | 'CX_REPORT_CODE_TAKEN';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<CxReportErrorCode, number> = {
  CX_REPORT_NOT_FOUND: 404,
  CX_REPORT_CODE_TAKEN: 409,
};

export class CxReportError extends DomainError<CxReportErrorCode> {
  constructor(code: CxReportErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): CxReportError {
    return new CxReportError('CX_REPORT_NOT_FOUND', `cx report ${id} does not exist`, { cxReportId: id });
  }

  static codeTaken(code: string): CxReportError {
    return new CxReportError('CX_REPORT_CODE_TAKEN', `a cx report with code ${code} exists already`, {
      field: 'code',
    });
  }
}
