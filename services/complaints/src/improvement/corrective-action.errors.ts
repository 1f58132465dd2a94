import { DomainError } from '@cx/platform';

export type CorrectiveActionErrorCode = 'CORRECTIVE_ACTION_NOT_FOUND' | 'CORRECTIVE_ACTION_STATE';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<CorrectiveActionErrorCode, number> = {
  CORRECTIVE_ACTION_NOT_FOUND: 404,
  CORRECTIVE_ACTION_STATE: 409,
};

export class CorrectiveActionError extends DomainError<CorrectiveActionErrorCode> {
  constructor(code: CorrectiveActionErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): CorrectiveActionError {
    return new CorrectiveActionError(
      'CORRECTIVE_ACTION_NOT_FOUND',
      `corrective action ${id} does not exist`,
      {
        actionId: id,
      },
    );
  }
}
