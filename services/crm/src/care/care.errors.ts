import { DomainError } from '@cx/platform';

export type CareErrorCode = 'SEGMENT_NOT_FOUND';

/** Every code has its HTTP status here; the compiler refuses a code without one. */
const STATUS: Record<CareErrorCode, number> = {
  SEGMENT_NOT_FOUND: 404,
};

export class CareError extends DomainError<CareErrorCode> {
  constructor(code: CareErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static segmentNotFound(code: string): CareError {
    return new CareError('SEGMENT_NOT_FOUND', `there is no segment ${code}`, { segment: code });
  }
}
