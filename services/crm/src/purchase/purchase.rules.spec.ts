import { requestHash } from '@cx/platform';
import fc from 'fast-check';
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

  // The definition, which the hashes stored with purchases were made with: the content (the sales
  // employee is not part of it) with times as instants and absent options as null, canonical JSON.
  const byDefinition = ({ salesEmployeeId: _notContent, ...content }: CreatePurchaseDto) =>
    requestHash({
      ...content,
      customerId: content.customerId.toLowerCase(),
      purchasedAt: new Date(content.purchasedAt).toISOString(),
      deliveredAt:
        content.deliveredAt === undefined || content.deliveredAt === null
          ? null
          : new Date(content.deliveredAt).toISOString(),
      lines: content.lines.map((l) => ({
        ...l,
        serialNumber: l.serialNumber ?? null,
        warrantyClass: l.warrantyClass ?? null,
      })),
    });

  it('is the hash its definition gives, for any content (quotes, backslashes, unicode, nulls)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const line = fc.record({
      lineId: text,
      sku: text,
      category: text,
      productName: text,
      serialNumber: fc.option(text, { nil: null }).chain((v) => fc.constantFrom(v, undefined)),
      quantity: fc.integer({ min: 1, max: 100_000 }),
      unitPriceMinor: fc.integer({ min: 0, max: 2 ** 40 }),
      warrantyClass: maybe(fc.constantFrom('general' as const, 'electronics' as const)),
    });
    const instant = fc.date({
      min: new Date('2000-01-01'),
      max: new Date('2099-12-31'),
      noInvalidDate: true,
    });
    const timestamp = fc
      .tuple(instant, fc.constantFrom('Z', '+08:00', '-05:30'))
      .map(([d, zone]) => d.toISOString().replace('Z', zone));
    fc.assert(
      fc.property(
        fc.record({
          source: fc.constantFrom('pos' as const, 'erp' as const, 'eshop' as const),
          orderId: text,
          channel: fc.constantFrom('store' as const, 'online' as const),
          storeId: text,
          customerId: fc.uuid().map((u) => u.toUpperCase()),
          paidAmountMinor: fc.integer({ min: 0, max: 2 ** 40 }),
          currency: text,
          purchasedAt: timestamp,
          deliveredAt: maybe(timestamp),
          salesEmployeeId: maybe(text),
          lines: fc.array(line, { minLength: 1, maxLength: 4 }),
        }),
        (p) => {
          expect(contentHash(p as CreatePurchaseDto)).toBe(byDefinition(p as CreatePurchaseDto));
        },
      ),
      { numRuns: 500 },
    );
  });
});
