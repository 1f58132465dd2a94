// The requests both servers get: valid complaints that differ in what the real intake looks at
// (category, channel, urgency and importance, store, order, product, and who complained), so triage,
// SLA targets and repeat detection do real work and repeat lookups find earlier cases.
import type { NextRequest } from '../support/http-load';

const CHANNELS = ['hotline', 'online', 'store-box', 'email', 'social'] as const;
/** Active, non-major categories of the seeded taxonomy, plus one major ('safety') now and then. */
const CATEGORIES = [
  'product-quality',
  'service-attitude',
  'delivery',
  'after-sales',
  'pricing-billing',
  'other',
] as const;
const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
const SKUS = Array.from({ length: 40 }, (_, i) => `SKU-${String(i).padStart(4, '0')}`);

export interface WorkloadOptions {
  /** Distinct complainants (phone + email): fewer than requests, so some complaints are repeats. */
  people: number;
  /** Share of requests sent with an Idempotency-Key (each key unique: a first attempt, not a retry). */
  idempotentShare: number;
}

/** A deterministic stream of request bodies and headers; `run` keeps keys and order numbers unique per run. */
export class Workload {
  private n = 0;
  constructor(
    private readonly run: string,
    private readonly o: WorkloadOptions,
  ) {}

  next(): { body: string; idempotencyKey?: string } {
    const i = this.n++;
    const person = (i * 7919) % this.o.people; // spread consecutive requests over people
    const rnd = mix(i);
    const body = {
      channel: CHANNELS[rnd % CHANNELS.length],
      category: rnd % 97 === 0 ? 'safety' : CATEGORIES[(rnd >>> 3) % CATEGORIES.length],
      urgency: LEVELS[(rnd >>> 6) % 3], // low..high; critical x critical would flag half of them major
      importance: LEVELS[(rnd >>> 9) % 3],
      complainant: {
        name: `Bench Customer ${person}`,
        phone: `+86 139 ${String(person).padStart(8, '0')}`,
        email: `customer.${person}@example.com`,
      },
      storeId: `SH-${String((rnd >>> 12) % 60).padStart(3, '0')}`,
      orderId: `SO-${this.run}-${i}`,
      productSku: SKUS[(rnd >>> 16) % SKUS.length],
      description: `Bench complaint ${i}: the zip of the down jacket broke on the second day, the customer wants a replacement.`,
    };
    const keyed = (rnd >>> 20) % 1000 < this.o.idempotentShare * 1000;
    return { body: JSON.stringify(body), idempotencyKey: keyed ? `bench-${this.run}-${i}` : undefined };
  }
}

/** The next request of `workload` as the load generators send it: JSON, the bearer token, the key if any. */
export function requestOf(workload: Workload, token: string): NextRequest {
  const { body, idempotencyKey } = workload.next();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
  };
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return { body, headers };
}

/** A cheap 32-bit integer hash, so the mix of fields does not follow the request number in lockstep. */
function mix(i: number): number {
  let x = (i + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
