import { FieldError, MINUTE_MS } from '@cx/platform';
import { createHash } from 'node:crypto';
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

const json = JSON.stringify;

/**
 * What makes two sends of an order the same: its content with times as instants (an offset and Z
 * for the same moment are equal) and absent optional fields as null. sha256 hex of the canonical JSON
 * (`requestHash`: keys sorted) of that content, which stored purchases carry: written here in one pass
 * with the keys in their sorted order, without building the object and sorting its keys per purchase
 * (5 % of the bulk ingest's CPU). purchase.rules.spec.ts compares it with `requestHash`.
 */
export function contentHash(p: CreatePurchaseDto): string {
  let lines = '';
  for (const l of p.lines)
    lines +=
      (lines === '' ? '' : ',') +
      `{"category":${json(l.category)},"lineId":${json(l.lineId)},"productName":${json(l.productName)}` +
      `,"quantity":${json(l.quantity)},"serialNumber":${json(l.serialNumber ?? null)},"sku":${json(l.sku)}` +
      `,"unitPriceMinor":${json(l.unitPriceMinor)},"warrantyClass":${json(l.warrantyClass ?? null)}}`;
  const text =
    `{"channel":${json(p.channel)},"currency":${json(p.currency)},"customerId":${json(p.customerId.toLowerCase())}` +
    `,"deliveredAt":${json(iso(p.deliveredAt))},"lines":[${lines}],"orderId":${json(p.orderId)}` +
    `,"paidAmountMinor":${json(p.paidAmountMinor)},"purchasedAt":${json(iso(p.purchasedAt))}` +
    `,"source":${json(p.source)},"storeId":${json(p.storeId)}}`;
  return createHash('sha256').update(text).digest('hex');
}
