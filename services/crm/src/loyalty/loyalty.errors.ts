import { DomainError } from '@cx/platform';

export type LoyaltyErrorCode =
  | 'INSUFFICIENT_POINTS'
  | 'CUSTOMER_NOT_FOUND'
  | 'CUSTOMER_MERGED'
  | 'CAMPAIGN_NOT_FOUND'
  | 'CAMPAIGN_CODE_TAKEN'
  | 'TIER_NOT_FOUND'
  | 'TIER_THRESHOLDS_OUT_OF_ORDER';

const STATUS: Record<LoyaltyErrorCode, number> = {
  INSUFFICIENT_POINTS: 409,
  CUSTOMER_NOT_FOUND: 404,
  CUSTOMER_MERGED: 409,
  CAMPAIGN_NOT_FOUND: 404,
  CAMPAIGN_CODE_TAKEN: 409,
  TIER_NOT_FOUND: 404,
  TIER_THRESHOLDS_OUT_OF_ORDER: 422,
};

/** Loyalty rules that depend on what is stored (a valid request the current state refuses). */
export class LoyaltyError extends DomainError<LoyaltyErrorCode> {
  constructor(code: LoyaltyErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }
}
