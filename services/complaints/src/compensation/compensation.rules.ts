import type { CompensationKind } from './compensation.entity';

/**
 * What each kind needs: money (refund, exchange, voucher) an amount and its currency; goodwill points
 * a number of points. Returns the field at fault and why, or null.
 */
export function compensationProblem(c: {
  kind: CompensationKind;
  amountMinor?: number;
  currency?: string;
  points?: number;
}): { field: string; message: string } | null {
  const money = c.amountMinor !== undefined || c.currency !== undefined;
  if (money && (c.amountMinor === undefined || c.currency === undefined))
    return {
      field: c.amountMinor === undefined ? 'amountMinor' : 'currency',
      message: 'an amount needs both amountMinor and currency',
    };
  switch (c.kind) {
    case 'goodwill-points':
      return c.points === undefined ? { field: 'points', message: 'goodwill points need points' } : null;
    case 'refund':
    case 'exchange':
    case 'voucher':
      if (!money) return { field: 'amountMinor', message: `a ${c.kind} needs amountMinor and currency` };
      return c.points !== undefined
        ? { field: 'points', message: `a ${c.kind} is given in money, not points` }
        : null;
  }
}
