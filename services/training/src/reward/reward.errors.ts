import { DomainError } from '@cx/platform';

export type RewardErrorCode = 'REWARD_NOT_FOUND' | 'REWARD_CODE_TAKEN' | 'REDEMPTION_REFUSED';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<RewardErrorCode, number> = {
  REWARD_NOT_FOUND: 404,
  REWARD_CODE_TAKEN: 409,
  REDEMPTION_REFUSED: 409,
};

export class RewardError extends DomainError<RewardErrorCode> {
  constructor(code: RewardErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }
}
