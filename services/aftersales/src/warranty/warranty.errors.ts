import { DomainError } from '@cx/platform';

export type WarrantyErrorCode = 'WARRANTY_NOT_FOUND';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<WarrantyErrorCode, number> = {
  WARRANTY_NOT_FOUND: 404,
};

export class WarrantyError extends DomainError<WarrantyErrorCode> {
  constructor(code: WarrantyErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): WarrantyError {
    return new WarrantyError('WARRANTY_NOT_FOUND', `warranty ${id} does not exist`, { warrantyId: id });
  }
}
