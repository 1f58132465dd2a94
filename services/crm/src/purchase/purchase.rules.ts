import { FieldError, MINUTE_MS, requestHash } from '@cx/platform';
import type { CreatePurchaseDto } from './dto/create-purchase.dto';

// Pure rules of a purchase: no I/O, the time handed in, every case in purchase.rules.spec.ts.

/** How far a selling system's clock may run ahead of ours before a time counts as in the future. */
export const CLOCK_SKEW_MS = 5 * MINUTE_MS;

/** What is wrong across the fields of a new purchase (each naming its field), or nothing. */
export function purchaseProblems(p: CreatePurchaseDto, now: Date): FieldError[] {
  const problems: FieldError[] = [];
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const purchasedAt = Date.parse(p.purchasedAt);
  if (purchasedAt > latest)
    problems.push({ field: 'purchasedAt', messages: ['purchasedAt must not be in the future'] });
  if (p.deliveredAt !== undefined && p.deliveredAt !== null) {
    const problem = signOffProblem(new Date(purchasedAt), new Date(p.deliveredAt), now);
    if (problem) problems.push({ field: 'deliveredAt', messages: [problem] });
  }
  const seen = new Set<string>();
  p.lines.forEach((line, i) => {
    if (seen.has(line.lineId))
      problems.push({ field: `lines.${i}.lineId`, messages: ['lineId must be unique within the order'] });
    seen.add(line.lineId);
  });
  return problems;
}

/** What is wrong with a delivery sign-off, or null: not before the purchase, not in the future. */
export function signOffProblem(purchasedAt: Date, deliveredAt: Date, now: Date): string | null {
  if (deliveredAt.getTime() < purchasedAt.getTime()) return 'deliveredAt must not be before purchasedAt';
  if (deliveredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return 'deliveredAt must not be in the future';
  return null;
}

const iso = (t: string | undefined | null) =>
  t === undefined || t === null ? null : new Date(t).toISOString();

/**
 * What makes two sends of an order the same: its content with times as instants (an offset and Z
 * for the same moment are equal) and absent optional fields as null. sha256 hex.
 */
export function contentHash(p: CreatePurchaseDto): string {
  return requestHash({
    source: p.source,
    orderId: p.orderId,
    channel: p.channel,
    storeId: p.storeId,
    customerId: p.customerId.toLowerCase(),
    paidAmountMinor: p.paidAmountMinor,
    currency: p.currency,
    purchasedAt: iso(p.purchasedAt),
    deliveredAt: iso(p.deliveredAt),
    lines: p.lines.map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      category: l.category,
      productName: l.productName,
      serialNumber: l.serialNumber ?? null,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      warrantyClass: l.warrantyClass ?? null,
    })),
  });
}
