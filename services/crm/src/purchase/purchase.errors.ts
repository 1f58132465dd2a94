import { DomainError } from '@cx/platform';

export type PurchaseErrorCode =
  | 'PURCHASE_NOT_FOUND'
  | 'PURCHASE_ORDER_CONFLICT'
  | 'PURCHASE_UNKNOWN_CUSTOMER'
  | 'PURCHASE_ALREADY_DELIVERED';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<PurchaseErrorCode, number> = {
  PURCHASE_NOT_FOUND: 404,
  PURCHASE_ORDER_CONFLICT: 409,
  PURCHASE_UNKNOWN_CUSTOMER: 422,
  PURCHASE_ALREADY_DELIVERED: 409,
};

export class PurchaseError extends DomainError<PurchaseErrorCode> {
  constructor(code: PurchaseErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string): PurchaseError {
    return new PurchaseError('PURCHASE_NOT_FOUND', `purchase ${id} does not exist`, { purchaseId: id });
  }

  static notFoundByOrder(source: string, orderId: string): PurchaseError {
    return new PurchaseError('PURCHASE_NOT_FOUND', `no purchase ${orderId} from ${source}`, {
      source,
      orderId,
    });
  }

  static orderConflict(source: string, orderId: string, purchaseId: string): PurchaseError {
    return new PurchaseError(
      'PURCHASE_ORDER_CONFLICT',
      `order ${orderId} from ${source} was recorded before with other content (purchase ${purchaseId})`,
      { field: 'orderId', source, orderId, purchaseId },
    );
  }

  static unknownCustomer(customerId: string): PurchaseError {
    return new PurchaseError(
      'PURCHASE_UNKNOWN_CUSTOMER',
      `customer ${customerId} does not exist (or was merged or erased)`,
      { field: 'customerId', customerId },
    );
  }

  static alreadyDelivered(id: string, deliveredAt: Date): PurchaseError {
    return new PurchaseError(
      'PURCHASE_ALREADY_DELIVERED',
      `purchase ${id} was signed off at ${deliveredAt.toISOString()} already`,
      { field: 'deliveredAt', purchaseId: id, deliveredAt: deliveredAt.toISOString() },
    );
  }
}
