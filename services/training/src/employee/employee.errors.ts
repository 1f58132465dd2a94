import { DomainError } from '@cx/platform';

export type EmployeeErrorCode = 'EMPLOYEE_NOT_FOUND' | 'EMPLOYEE_EMAIL_TAKEN' | 'EMPLOYEE_ALREADY_LEFT';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<EmployeeErrorCode, number> = {
  EMPLOYEE_NOT_FOUND: 404,
  EMPLOYEE_EMAIL_TAKEN: 409,
  EMPLOYEE_ALREADY_LEFT: 409,
};

export class EmployeeError extends DomainError<EmployeeErrorCode> {
  constructor(code: EmployeeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): EmployeeError {
    return new EmployeeError('EMPLOYEE_NOT_FOUND', `employee ${id} does not exist`, { employeeId: id });
  }

  static emailTaken(): EmployeeError {
    return new EmployeeError('EMPLOYEE_EMAIL_TAKEN', 'another employee has this work email', {
      field: 'workEmail',
    });
  }

  static alreadyLeft(id: string): EmployeeError {
    return new EmployeeError('EMPLOYEE_ALREADY_LEFT', `employee ${id} has left already`, { employeeId: id });
  }
}
