import { ServiceHarness, validPurchase, validPurchaseLine } from '@cx/testing';

/** A POS purchase of one line; `paid` in minor units. */
export const purchaseBody = (
  customerId: string,
  purchasedAt: Date,
  paid: number,
  over: { category?: string; deliveredAt?: Date } = {},
) =>
  validPurchase(customerId, {
    paidAmountMinor: paid,
    purchasedAt: purchasedAt.toISOString(),
    ...(over.deliveredAt ? { deliveredAt: over.deliveredAt.toISOString() } : {}),
    lines: [validPurchaseLine({ category: over.category ?? 'outerwear', unitPriceMinor: paid })],
  });

/** Records a purchase through the API (system role); its id. */
export async function buy(
  h: ServiceHarness,
  customerId: string,
  paid: number,
  over: { category?: string; deliveredAt?: Date; purchasedAt?: Date } = {},
): Promise<string> {
  const res = await h.request('POST', '/api/v1/purchases', {
    as: 'system',
    body: purchaseBody(customerId, over.purchasedAt ?? h.clock.now(), paid, over),
  });
  if (res.statusCode !== 201) throw new Error(`purchase refused: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** The balance row and the ledger's sums of a customer. */
export async function balanceAndLedger(h: ServiceHarness, customerId: string) {
  const [balance] = await h.sql<{ available: number; pending: number; debt: number }>(
    `SELECT available, pending, debt FROM points_balance WHERE customer_id = $1`,
    [customerId],
  );
  const [sums] = await h.sql<{ available: number; pending: number; debt: number }>(
    `SELECT COALESCE(sum(available_delta), 0)::int AS available, COALESCE(sum(pending_delta), 0)::int AS pending,
            COALESCE(sum(debt_delta), 0)::int AS debt FROM points_entry WHERE customer_id = $1`,
    [customerId],
  );
  return { balance: balance ?? { available: 0, pending: 0, debt: 0 }, sums };
}
