// What several crm integration tests set up: a customer (through the API, or as the row another
// module only reads), and the loyalty rows that care and analytics read, written as loyalty writes them.
import { uuidv7 } from '@cx/contracts';
import { ServiceHarness, validCustomer } from '@cx/testing';
import { randomUUID } from 'node:crypto';

/** A profile through the customers API; its id. */
export async function registerCustomer(
  h: ServiceHarness,
  over: Record<string, unknown> = {},
  as: 'agent' | 'system' = 'agent',
): Promise<string> {
  const res = await h.request('POST', '/api/v1/customers', { as, body: validCustomer(over) });
  if (res.statusCode !== 201) throw new Error(`customer refused: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** A customer row as the customers module keeps it (purchases and loyalty only read it). */
export async function addCustomer(h: ServiceHarness, status = 'active'): Promise<string> {
  const id = uuidv7();
  await h.sql(
    `INSERT INTO customer (id, status, registration_channel, last_activity_at, created_at, created_by, updated_at)
     VALUES ($1, $2, 'purchase', now(), now(), 'test', now())`,
    [id, status],
  );
  return id;
}

/** A purchase as loyalty records it (the table care and analytics read). */
export const addLoyaltyPurchase = (
  h: ServiceHarness,
  customerId: string,
  at: Date | string,
  { paidMinor = 5000, refundedMinor = 0 } = {},
) =>
  h.sql(
    `INSERT INTO loyalty_purchase (purchase_id, customer_id, order_id, paid_amount_minor, refunded_minor,
       purchased_at, delivered_at, special_window, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, NULL, false, $6)`,
    [randomUUID(), customerId, `SO-${randomUUID().slice(0, 8)}`, paidMinor, refundedMinor, at],
  );

/** A current tier as loyalty keeps it (its table: the times it needs are all `at`). */
export async function setTier(h: ServiceHarness, customerId: string, tier: string, at: Date): Promise<void> {
  const columns = await h.sql<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_name = 'customer_tier' AND is_nullable = 'NO' AND column_default IS NULL
        AND data_type = 'timestamp with time zone'`,
  );
  const times = columns.map((c) => c.column_name);
  await h.sql(
    `INSERT INTO customer_tier (customer_id, tier, ${times.join(', ')})
     VALUES ($1, $2, ${times.map(() => '$3').join(', ')})
     ON CONFLICT (customer_id) DO UPDATE SET tier = $2`,
    [customerId, tier, at],
  );
}
