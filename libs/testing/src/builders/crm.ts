// Request bodies of the crm API, valid against its DTOs; a test overrides what it is about.
import { randomUUID } from 'node:crypto';

let customers = 0;

/**
 * POST /api/v1/customers: a member registered in a store, with a phone and an email no earlier call
 * in this test file gave (crm keeps one profile per phone and per email).
 */
export const validCustomer = (over: Record<string, unknown> = {}) => {
  const n = String(++customers).padStart(4, '0');
  return {
    name: 'Li Mei',
    phone: `+86 138 0013 ${n}`,
    email: `li.mei.${n}@example.com`,
    registrationChannel: 'membership',
    registrationStoreId: 'SH-001',
    ...over,
  };
};

/** One line of POST /api/v1/purchases: a down jacket, no serial number, no warranty class. */
export const validPurchaseLine = (over: Record<string, unknown> = {}) => ({
  lineId: '1',
  sku: 'JKT-DOWN-BLK-M',
  category: 'outerwear',
  productName: 'Down jacket, black, M',
  quantity: 1,
  unitPriceMinor: 129_900,
  ...over,
});

/** POST /api/v1/purchases: one jacket bought in a store, under an order id no other call gave. */
export const validPurchase = (customerId: string, over: Record<string, unknown> = {}) => ({
  source: 'pos',
  orderId: `SO-${randomUUID().slice(0, 8)}`,
  channel: 'store',
  storeId: 'SH-001',
  customerId,
  paidAmountMinor: 129_900,
  currency: 'CNY',
  purchasedAt: '2026-11-01T09:00:00+08:00',
  lines: [validPurchaseLine()],
  ...over,
});
