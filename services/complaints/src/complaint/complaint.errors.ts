import { DomainError } from '@cx/platform';

export type ComplaintErrorCode =
  | 'COMPLAINT_NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'UNKNOWN_CATEGORY'
  | 'UNKNOWN_CAUSE_CODE'
  | 'COMPLAINANT_REQUIRED'
  | 'NOT_THE_OWNER'
  | 'ALREADY_PAUSED'
  | 'NOT_PAUSED'
  | 'WAITING_FOR_CUSTOMER'
  | 'CANNOT_MERGE'
  | 'NOT_A_JOINT_CASE'
  | 'PLAN_STEP_NOT_FOUND'
  | 'CONCURRENT_UPDATE';

/** Every code has its HTTP status here; the compiler refuses a code without one. */
const STATUS: Record<ComplaintErrorCode, number> = {
  COMPLAINT_NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  UNKNOWN_CATEGORY: 422,
  UNKNOWN_CAUSE_CODE: 422,
  COMPLAINANT_REQUIRED: 422,
  NOT_THE_OWNER: 403,
  ALREADY_PAUSED: 409,
  NOT_PAUSED: 409,
  WAITING_FOR_CUSTOMER: 409,
  CANNOT_MERGE: 409,
  NOT_A_JOINT_CASE: 409,
  PLAN_STEP_NOT_FOUND: 404,
  CONCURRENT_UPDATE: 409,
};

export class ComplaintError extends DomainError<ComplaintErrorCode> {
  constructor(code: ComplaintErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): ComplaintError {
    return new ComplaintError('COMPLAINT_NOT_FOUND', `complaint ${id} does not exist`);
  }
}
