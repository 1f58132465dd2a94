import { DomainError } from '@cx/platform';

export type EnrollmentErrorCode =
  | 'ENROLLMENT_NOT_FOUND'
  | 'ENROLLMENT_EXISTS'
  | 'ENROLLMENT_CLOSED'
  | 'ENROLLMENT_EMPLOYEE_LEFT'
  | 'ATTEMPTS_EXHAUSTED'
  | 'ASSESSMENT_REQUIRED'
  | 'NO_ASSESSMENT';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<EnrollmentErrorCode, number> = {
  ENROLLMENT_NOT_FOUND: 404,
  ENROLLMENT_EXISTS: 409,
  ENROLLMENT_CLOSED: 409,
  ENROLLMENT_EMPLOYEE_LEFT: 409,
  ATTEMPTS_EXHAUSTED: 409,
  ASSESSMENT_REQUIRED: 409,
  NO_ASSESSMENT: 409,
};

export class EnrollmentError extends DomainError<EnrollmentErrorCode> {
  constructor(code: EnrollmentErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): EnrollmentError {
    return new EnrollmentError('ENROLLMENT_NOT_FOUND', `enrollment ${id} does not exist`, {
      enrollmentId: id,
    });
  }
}
