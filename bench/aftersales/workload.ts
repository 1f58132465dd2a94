// The aftersales benches' purchase, shared by bench/aftersales-catch-up.bench.ts (published as crm's
// event) and bench/aftersales/batch-statement-cpu.ts (fed to the PurchaseService directly).
import { PurchaseRecordedV1 } from '@cx/contracts';
import { randomUUID } from 'node:crypto';

/** Purchase `i`: three lines, each with a warranty class, the electronics one with a serial number. */
export function benchPurchase(i: number): PurchaseRecordedV1 {
  const line = (n: number, warrantyClass: 'general' | 'electronics') => ({
    lineId: String(n),
    sku: `SKU-${n}`,
    category: warrantyClass === 'general' ? 'outerwear' : 'phones',
    productName: `Product ${n}`,
    ...(warrantyClass === 'electronics' ? { serialNumber: `SN-${i}-${n}` } : {}),
    quantity: 1,
    unitPriceMinor: 10_000 * n,
    warrantyClass,
  });
  return {
    customerId: randomUUID(),
    orderId: `SO-${i}`,
    storeId: 'SH-001',
    channel: 'store',
    purchasedAt: '2026-11-01T02:00:00.000Z',
    deliveredAt: '2026-11-01T06:00:00.000Z',
    paidAmountMinor: 60_000,
    currency: 'CNY',
    lines: [line(1, 'general'), line(2, 'electronics'), line(3, 'general')],
  };
}
