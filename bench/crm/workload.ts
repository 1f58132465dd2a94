// What the crm benches send: customers to register (phone and email vary) and purchases of three
// lines each (categories, prices and stores vary; order ids unique per run), the same stream for ours,
// the baseline and the floors.
import { request } from 'node:http';

const CATEGORIES = ['outerwear', 'shoes', 'phones', 'accessories', 'knitwear', 'home'] as const;
const WARRANTY = [undefined, 'general', 'electronics'] as const;

export const LINES_PER_PURCHASE = 3;

export const phoneOf = (i: number): string => `+86 139 ${String(i).padStart(8, '0')}`;

/** A body of POST /customers for customer `i`. */
export function customerBody(i: number): Record<string, unknown> {
  return {
    name: `Bench Customer ${i}`,
    phone: phoneOf(i),
    email: `bench.customer.${i}@example.com`,
    birthday: `19${String(60 + (i % 40))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    registrationChannel: 'membership',
    registrationStoreId: `SH-${String(i % 60).padStart(3, '0')}`,
    consents: [{ purpose: 'marketing', channel: 'sms', granted: true, source: 'bench' }],
  };
}

/** A deterministic stream of purchases of three lines for the given customers; `run` keeps order ids unique. */
export class Purchases {
  private n = 0;
  constructor(
    private readonly run: string,
    private readonly customerIds: string[],
    /** Purchases dated this far back, spread over the last 30 days (within the return window). */
    private readonly now = Date.now(),
  ) {}

  next(): Record<string, unknown> {
    const i = this.n++;
    const rnd = mix(i);
    const lines = Array.from({ length: LINES_PER_PURCHASE }, (_, k) => {
      const r = mix(i * LINES_PER_PURCHASE + k);
      const warrantyClass = WARRANTY[r % WARRANTY.length];
      return {
        lineId: String(k + 1),
        sku: `SKU-${String(r % 400).padStart(4, '0')}`,
        category: CATEGORIES[(r >>> 4) % CATEGORIES.length],
        productName: `Bench product ${r % 400}`,
        ...(warrantyClass === 'electronics' ? { serialNumber: `SN${i}X${k}` } : {}),
        quantity: 1 + ((r >>> 8) % 2),
        unitPriceMinor: 1_000 + ((r >>> 10) % 50_000),
        ...(warrantyClass ? { warrantyClass } : {}),
      };
    });
    const paid = lines.reduce((s, l) => s + l.quantity * l.unitPriceMinor, 0);
    const purchasedAt = new Date(this.now - 60_000 - (rnd % (30 * 86_400)) * 1000);
    return {
      source: (['pos', 'erp', 'eshop'] as const)[rnd % 3],
      orderId: `SO-${this.run}-${i}`,
      channel: 'store',
      storeId: `SH-${String((rnd >>> 12) % 60).padStart(3, '0')}`,
      customerId: this.customerIds[(i * 7919) % this.customerIds.length],
      lines,
      paidAmountMinor: paid,
      currency: 'CNY',
      purchasedAt: purchasedAt.toISOString(),
      ...(rnd % 2 === 0 ? { deliveredAt: new Date(purchasedAt.getTime() + 30_000).toISOString() } : {}),
    };
  }

  batch(size: number): Record<string, unknown>[] {
    return Array.from({ length: size }, () => this.next());
  }
}

/** A cheap 32-bit integer hash, so the mix of fields does not follow the request number in lockstep. */
function mix(i: number): number {
  let x = (i + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** One POST with a JSON body; resolves with the status and the parsed answer. */
export function postJson<T>(
  url: string,
  token: string,
  body: unknown,
  agent?: import('node:http').Agent,
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          authorization: `Bearer ${token}`,
        },
        timeout: 120_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text as T });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`POST ${url} timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** Registers `count` customers through POST /customers (encrypted, blind-indexed, as in production); their ids. */
export async function registerCustomers(
  baseUrl: string,
  token: string,
  count: number,
  concurrency = 8,
): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const r = await postJson<{ id: string }>(`${baseUrl}/api/v1/customers`, token, customerBody(i));
      if (r.status !== 201)
        throw new Error(`POST /customers answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      ids[i] = r.body.id;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}
