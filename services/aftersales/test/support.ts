import { PurchaseLineV1, Subjects } from '@cx/contracts';
import { ServiceHarness } from '@cx/testing';
import { randomUUID } from 'node:crypto';

/** Three lines: a jacket (general), a phone with a serial (electronics), socks (no warranty statement). */
export function purchaseLines(serial = `SN-${randomUUID().slice(0, 8)}`): PurchaseLineV1[] {
  return [
    {
      lineId: '1',
      sku: 'JK-DOWN-BLK-M',
      category: 'outerwear',
      productName: 'Down jacket, black, M',
      quantity: 1,
      unitPriceMinor: 129_900,
      warrantyClass: 'general',
    },
    {
      lineId: '2',
      sku: 'PH-X200-128-BLU',
      category: 'phones',
      productName: 'X200 phone 128 GB, blue',
      serialNumber: serial,
      quantity: 1,
      unitPriceMinor: 329_900,
      warrantyClass: 'electronics',
    },
    {
      lineId: '3',
      sku: 'SK-WOOL-3',
      category: 'socks',
      productName: 'Wool socks, 3 pairs',
      quantity: 2,
      unitPriceMinor: 9_900,
    },
  ];
}

export interface TestPurchase {
  orderId: string;
  customerId: string;
  storeId: string;
  purchasedAt: string;
  deliveredAt?: string;
  lines: PurchaseLineV1[];
}

export function testPurchase(over: Partial<TestPurchase> = {}): TestPurchase {
  return {
    orderId: `SO-${randomUUID().slice(0, 8)}`,
    customerId: randomUUID(),
    storeId: 'SH-001',
    purchasedAt: '2026-11-01T02:00:00Z',
    lines: purchaseLines(),
    ...over,
  };
}

/**
 * Publishes crm's purchase.recorded, waits until this very message was handled (a count of warranties
 * can be met by an earlier event of the order), and fails unless the order then has `expected` or more.
 */
export async function recordPurchase(h: ServiceHarness, p: TestPurchase, expected = 2): Promise<void> {
  // deliveredAt named even when undefined: the sample's sign-off must not be merged in.
  const id = await h.publish(Subjects.crm.purchaseRecorded, {
    ...p,
    deliveredAt: p.deliveredAt,
    paidAmountMinor: 479_700,
    currency: 'CNY',
  });
  await h.handled([id], 10_000);
  const found = (await h.sql(`SELECT id FROM warranty WHERE order_id = $1`, [p.orderId])).length;
  if (found < expected)
    throw new Error(`${p.orderId} has ${found} warranties, expected at least ${expected}`);
}

/** The price list and parts catalogue the repair tests use: battery replacement 60.00 labour, battery 120.00. */
export async function setUpRepairPrices(h: ServiceHarness): Promise<void> {
  await h.request('PUT', '/api/v1/admin/policies/repair-prices/battery-replacement', {
    as: 'lead',
    body: { name: 'Battery replacement', labourMinor: 6_000, currency: 'CNY', active: true },
  });
  await h.request('PUT', '/api/v1/admin/policies/parts/battery-x200', {
    as: 'lead',
    body: { name: 'Battery X200', priceMinor: 12_000, currency: 'CNY', active: true },
  });
}

/**
 * POSTs `body` to `url` twice at once and once more with one Idempotency-Key, then with another body:
 * one create (201 then 200s with the same answer, one row in `table`), and 422 for the other body.
 */
export async function expectIdempotentCreate(
  h: ServiceHarness,
  url: string,
  table: string,
  body: Record<string, unknown>,
  otherBody: Record<string, unknown>,
): Promise<void> {
  const headers = { 'idempotency-key': `retry-${randomUUID()}` };
  const post = (b: unknown) => h.request('POST', url, { as: 'agent', body: b, headers });
  const [before] = await h.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  const racing = await Promise.all([post(body), post(body)]);
  const again = await post(body);
  expect([...racing, again].map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
  const ids = new Set([...racing, again].map((r) => r.json<{ id: string }>().id));
  expect(ids.size).toBe(1);
  expect(again.headers.location).toBe(`${url}/${[...ids][0]}`);
  expect(await h.sql(`SELECT count(*)::int AS n FROM ${table}`)).toEqual([{ n: before.n + 1 }]);
  const reused = await post(otherBody);
  expect(reused.statusCode).toBe(422);
  expect(reused.json()).toMatchObject({
    code: 'IDEMPOTENCY_KEY_REUSED',
    details: { field: 'Idempotency-Key' },
  });
}
