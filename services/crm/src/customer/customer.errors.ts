import { DomainError } from '@cx/platform';

export type CustomerErrorCode =
  | 'CUSTOMER_NOT_FOUND'
  | 'CUSTOMER_CONTACT_TAKEN'
  | 'CUSTOMER_ERASED'
  | 'CUSTOMER_MERGED'
  | 'CUSTOMER_MERGE_REFUSED';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<CustomerErrorCode, number> = {
  CUSTOMER_NOT_FOUND: 404,
  CUSTOMER_CONTACT_TAKEN: 409,
  CUSTOMER_ERASED: 409,
  CUSTOMER_MERGED: 409,
  CUSTOMER_MERGE_REFUSED: 409,
};

export class CustomerError extends DomainError<CustomerErrorCode> {
  constructor(code: CustomerErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): CustomerError {
    return new CustomerError('CUSTOMER_NOT_FOUND', `customer ${id} does not exist`, { customerId: id });
  }

  /** The value itself is never echoed: it is personal data. */
  static contactTaken(field: 'phone' | 'email'): CustomerError {
    return new CustomerError('CUSTOMER_CONTACT_TAKEN', `another customer has this ${field}`, { field });
  }

  static erased(id: string): CustomerError {
    return new CustomerError('CUSTOMER_ERASED', `customer ${id} was erased`, { customerId: id });
  }

  static merged(id: string, survivorId: string): CustomerError {
    return new CustomerError('CUSTOMER_MERGED', `customer ${id} was merged into ${survivorId}`, {
      customerId: id,
      survivorId,
    });
  }
}
