import { DomainError } from '@cx/platform';

export type RepairErrorCode =
  | 'REPAIR_NOT_FOUND'
  | 'REPAIR_STEP_NOT_ALLOWED'
  | 'SLOT_TAKEN'
  | 'UNKNOWN_PART'
  | 'UNKNOWN_SERVICE'
  | 'CONSENT_REQUIRED';

const STATUS: Record<RepairErrorCode, number> = {
  REPAIR_NOT_FOUND: 404,
  REPAIR_STEP_NOT_ALLOWED: 409,
  SLOT_TAKEN: 409,
  UNKNOWN_PART: 422,
  UNKNOWN_SERVICE: 422,
  CONSENT_REQUIRED: 409,
};

export class RepairError extends DomainError<RepairErrorCode> {
  constructor(code: RepairErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): RepairError {
    return new RepairError('REPAIR_NOT_FOUND', `repair ${id} does not exist`, { repairId: id });
  }
}
