import { contentHash, purchaseProblems, signOffProblem } from './purchase.rules';
import type { CreatePurchaseDto } from './dto/create-purchase.dto';

const NOW = new Date('2026-11-01T02:00:00.000Z');
const purchase = (over: Partial<CreatePurchaseDto> = {}): CreatePurchaseDto => ({
  source: 'pos',
  orderId: 'SO-1',
  channel: 'store',
  storeId: 'SH-001',
  customerId: '0192f0a4-5b6c-7d8e-9f01-23456789abcd',
  paidAmountMinor: 1000,
  currency: 'CNY',
  purchasedAt: '2026-11-01T09:00:00+08:00',
  lines: [
    { lineId: '1', sku: 'A', category: 'shoes', productName: 'Shoe', quantity: 1, unitPriceMinor: 1000 },
  ],
  ...over,
});

describe('signOffProblem', () => {
  const at = new Date('2026-11-01T01:00:00.000Z');

  it('takes a sign-off at the purchase time or after it, up to the clock skew ahead of now', () => {
    expect(signOffProblem(at, at, NOW)).toBeNull();
    expect(signOffProblem(at, new Date('2026-11-01T02:05:00.000Z'), NOW)).toBeNull();
  });

  it('refuses one a millisecond before the purchase', () => {
    expect(signOffProblem(at, new Date('2026-11-01T00:59:59.999Z'), NOW)).toBe(
      'deliveredAt must not be before purchasedAt',
    );
  });

  it('refuses one past the clock skew', () => {
    expect(signOffProblem(at, new Date('2026-11-01T02:05:00.001Z'), NOW)).toBe(
      'deliveredAt must not be in the future',
    );
  });
});

describe('purchaseProblems', () => {
  it('finds nothing wrong with a plain purchase', () => {
    expect(purchaseProblems(purchase(), NOW)).toEqual([]);
  });

  it('names purchasedAt in the future, a sign-off before the purchase and a repeated line id', () => {
    const p = purchase({
      purchasedAt: '2026-11-01T02:05:00.001Z',
      deliveredAt: '2026-11-01T02:00:00Z',
      lines: [purchase().lines[0], { ...purchase().lines[0] }],
    });
    expect(purchaseProblems(p, NOW).map((e) => e.field)).toEqual([
      'purchasedAt',
      'deliveredAt',
      'lines.1.lineId',
    ]);
  });
});

describe('contentHash', () => {
  it('is the same for the same instant written with another offset, and for an absent or null option', () => {
    const a = purchase();
    const b = purchase({ purchasedAt: '2026-11-01T01:00:00Z' });
    b.lines = [{ ...b.lines[0], serialNumber: undefined }];
    expect(contentHash(b)).toBe(contentHash(a));
  });

  it('differs when any content differs', () => {
    const base = contentHash(purchase());
    expect(contentHash(purchase({ paidAmountMinor: 1001 }))).not.toBe(base);
    expect(contentHash(purchase({ deliveredAt: '2026-11-01T01:30:00Z' }))).not.toBe(base);
    expect(contentHash(purchase({ lines: [{ ...purchase().lines[0], quantity: 2 }] }))).not.toBe(base);
  });
});
