import { WarrantyClass } from '@cx/contracts';
import { addLocalMonths } from '@cx/platform';

// Pure rules of a warranty: no I/O, the time handed in, every case in warranty.rules.spec.ts.

/** The terms a registration reads: by product class, and a lead's override by category. */
export interface WarrantyTerms {
  classMonths: Partial<Record<WarrantyClass, number>>;
  categoryMonths: ReadonlyMap<string, number>;
}

/**
 * Months of warranty for a purchased line: the category's own term when a lead set one, else its class's;
 * null (no warranty) for a line without a warranty statement in a category without a term.
 */
export function termMonthsFor(
  line: { category: string; warrantyClass?: WarrantyClass },
  terms: WarrantyTerms,
): number | null {
  const byCategory = terms.categoryMonths.get(line.category);
  if (byCategory !== undefined) return byCategory;
  if (!line.warrantyClass) return null;
  return terms.classMonths[line.warrantyClass] ?? null;
}

/**
 * From delivery sign-off when known, else from purchase; it ends the same wall-clock second `months`
 * later in the store's zone (31 Jan + 1 month ends on the last of February). Covered up to, not at, the end.
 */
export function warrantyPeriod(
  purchasedAt: Date,
  deliveredAt: Date | null,
  months: number,
  timeZone: string,
): { startsAt: Date; endsAt: Date } {
  const startsAt = deliveredAt ?? purchasedAt;
  return { startsAt, endsAt: addLocalMonths(startsAt, months, timeZone) };
}

export type Coverage = 'not-started' | 'in-force' | 'expired' | 'replaced';

/** Where a warranty stands at `now`: in force from its start, up to (not including) its end. */
export function coverageOf(
  w: { status: 'active' | 'replaced'; startsAt: Date; endsAt: Date },
  now: Date,
): Coverage {
  if (w.status === 'replaced') return 'replaced';
  const t = now.getTime();
  if (t < w.startsAt.getTime()) return 'not-started';
  return t < w.endsAt.getTime() ? 'in-force' : 'expired';
}
