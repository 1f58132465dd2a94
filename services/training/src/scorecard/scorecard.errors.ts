import { DomainError } from '@cx/platform';

export type ScorecardErrorCode = 'MONTH_CLOSED' | 'MONTH_NOT_OVER';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<ScorecardErrorCode, number> = {
  MONTH_CLOSED: 409,
  MONTH_NOT_OVER: 409,
};

export class ScorecardError extends DomainError<ScorecardErrorCode> {
  constructor(code: ScorecardErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }
}
