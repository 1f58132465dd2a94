import { DomainError } from '@cx/platform';

export type TouchpointErrorCode = 'TOUCHPOINT_NOT_FOUND' | 'TOUCHPOINT_CODE_TAKEN';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<TouchpointErrorCode, number> = {
  TOUCHPOINT_NOT_FOUND: 404,
  TOUCHPOINT_CODE_TAKEN: 409,
};

export class TouchpointError extends DomainError<TouchpointErrorCode> {
  constructor(code: TouchpointErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): TouchpointError {
    return new TouchpointError('TOUCHPOINT_NOT_FOUND', `touchpoint ${id} does not exist`, {
      touchpointId: id,
    });
  }

  static codeTaken(code: string): TouchpointError {
    return new TouchpointError('TOUCHPOINT_CODE_TAKEN', `a touchpoint with code ${code} exists already`, {
      field: 'code',
    });
  }
}
