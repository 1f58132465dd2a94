import { DomainError } from '@cx/platform';

export type AuditErrorCode =
  | 'CHECKLIST_NOT_FOUND'
  | 'CHECKLIST_CODE_TAKEN'
  | 'AUDIT_NOT_FOUND'
  | 'AUDIT_EXISTS'
  | 'AUDITOR_OWN_STORE'
  | 'AUDIT_NOT_YOURS'
  | 'AUDIT_COMPLETED'
  | 'ACTION_NOT_FOUND'
  | 'EVIDENCE_NOT_FOUND'
  | 'TOUCHPOINT_UNKNOWN';

const STATUS: Record<AuditErrorCode, number> = {
  CHECKLIST_NOT_FOUND: 404,
  CHECKLIST_CODE_TAKEN: 409,
  AUDIT_NOT_FOUND: 404,
  AUDIT_EXISTS: 409,
  AUDITOR_OWN_STORE: 422,
  AUDIT_NOT_YOURS: 403,
  AUDIT_COMPLETED: 409,
  ACTION_NOT_FOUND: 404,
  EVIDENCE_NOT_FOUND: 404,
  TOUCHPOINT_UNKNOWN: 422,
};

export class AuditError extends DomainError<AuditErrorCode> {
  constructor(code: AuditErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }
}
