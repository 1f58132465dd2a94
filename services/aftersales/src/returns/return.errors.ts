import { DomainError } from '@cx/platform';

export type ReturnErrorCode =
  | 'RETURN_NOT_FOUND'
  | 'ORDER_LINE_NOT_FOUND'
  | 'QUANTITY_EXCEEDS_LINE'
  | 'RETURN_NOT_ELIGIBLE'
  | 'RETURN_STEP_NOT_ALLOWED'
  | 'RETURN_KIND_MISMATCH'
  | 'EVIDENCE_MISSING'
  | 'EVIDENCE_NOT_FOUND';

const STATUS: Record<ReturnErrorCode, number> = {
  RETURN_NOT_FOUND: 404,
  ORDER_LINE_NOT_FOUND: 422,
  QUANTITY_EXCEEDS_LINE: 422,
  RETURN_NOT_ELIGIBLE: 409,
  RETURN_STEP_NOT_ALLOWED: 409,
  RETURN_KIND_MISMATCH: 409,
  EVIDENCE_MISSING: 409,
  EVIDENCE_NOT_FOUND: 404,
};

export class ReturnError extends DomainError<ReturnErrorCode> {
  constructor(code: ReturnErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): ReturnError {
    return new ReturnError('RETURN_NOT_FOUND', `return ${id} does not exist`, { returnId: id });
  }
}
