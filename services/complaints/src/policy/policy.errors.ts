import { DomainError } from '@cx/platform';

/**
 * Policy rules that depend on what is stored (the request itself was valid). Shape and
 * cross-field rules of a single request are the DTOs' business and answer VALIDATION_FAILED.
 */
export type PolicyErrorCode =
  | 'SLA_RULE_NOT_FOUND'
  | 'SLA_RULE_DUPLICATE'
  | 'SLA_RULE_WITHOUT_CRITERIA'
  | 'CALENDAR_NOT_FOUND'
  | 'CALENDAR_DEFAULT_REQUIRED'
  | 'CATEGORY_NOT_FOUND'
  | 'CATEGORY_EXISTS'
  | 'CATEGORY_PARENT_NOT_FOUND'
  | 'CATEGORY_CYCLE'
  | 'CAUSE_CODE_NOT_FOUND'
  | 'CAUSE_CODE_EXISTS';

const STATUS: Record<PolicyErrorCode, number> = {
  SLA_RULE_NOT_FOUND: 404,
  SLA_RULE_DUPLICATE: 409,
  SLA_RULE_WITHOUT_CRITERIA: 400,
  CALENDAR_NOT_FOUND: 404,
  CALENDAR_DEFAULT_REQUIRED: 409,
  CATEGORY_NOT_FOUND: 404,
  CATEGORY_EXISTS: 409,
  CATEGORY_PARENT_NOT_FOUND: 422,
  CATEGORY_CYCLE: 409,
  CAUSE_CODE_NOT_FOUND: 404,
  CAUSE_CODE_EXISTS: 409,
};

/** Details name the offending `field` so a form can point at it, as validation errors do. */
export class PolicyError extends DomainError<PolicyErrorCode> {
  constructor(code: PolicyErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }
}
