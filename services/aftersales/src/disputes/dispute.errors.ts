import { DomainError } from '@cx/platform';

export type DisputeErrorCode =
  'DISPUTE_NOT_FOUND' | 'DISPUTE_SUBJECT_NOT_FOUND' | 'DISPUTE_CLOSED' | 'DISPUTE_ALREADY_ESCALATED';

const STATUS: Record<DisputeErrorCode, number> = {
  DISPUTE_NOT_FOUND: 404,
  DISPUTE_SUBJECT_NOT_FOUND: 422,
  DISPUTE_CLOSED: 409,
  DISPUTE_ALREADY_ESCALATED: 409,
};

export class DisputeError extends DomainError<DisputeErrorCode> {
  constructor(code: DisputeErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): DisputeError {
    return new DisputeError('DISPUTE_NOT_FOUND', `dispute ${id} does not exist`, { disputeId: id });
  }
}
