import { MigrationInterface, QueryRunner } from 'typeorm';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Idempotency-Keys move to the platform's `idempotent_request` table (IdempotencyKeys). Each complaint
 * key is copied with the answer a retry got until now: 201 and the complaint's view as it is (the
 * fields and text of `toView` in complaint/complaint.view.ts), so a retry sent across the upgrade
 * still gets its complaint. Its hash was of the body as received, not canonical: it is marked
 * `legacy:`, which the platform knows. Keys whose complaint is gone are not copied.
 */
export class IdempotencyKeysToPlatform1763900000003 implements MigrationInterface {
  name = 'IdempotencyKeysToPlatform1763900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO idempotent_request (caller, key, request_hash, resource_id, status, body, created_at)
      SELECT k.principal, k.key, 'legacy:' || k.request_hash, c.id::text, 201,
        json_build_object(
          'id', c.id,
          'reference', c.reference,
          'status', c.status,
          'channel', c.channel,
          'category', c.category,
          'priority', c.priority,
          'urgency', c.urgency,
          'importance', c.importance,
          'isMajor', c.is_major,
          'isVip', coalesce(c.customer_tier = ANY (p.vip_tiers), false),
          'departments', to_json(c.departments),
          'customerId', c.customer_id,
          'storeId', c.store_id,
          'orderId', c.order_id,
          'productSku', c.product_sku,
          'employeeId', c.employee_id,
          'description', c.description,
          'ownerId', c.owner_id,
          'department', c.department,
          'receivedAt', ${iso('c.received_at')},
          'firstResponseDueAt', ${iso('c.first_response_due_at')},
          'resolutionDueAt', ${iso('c.resolution_due_at')},
          'firstRespondedAt', ${iso('c.first_responded_at')},
          'resolvedAt', ${iso('c.resolved_at')},
          'closedAt', ${iso('c.closed_at')},
          'resolutionSummary', c.resolution_summary,
          'escalationLevel', c.escalation_level,
          'isRepeat', c.is_repeat,
          'repeatOf', c.repeat_of,
          'mergedInto', c.merged_into,
          'reopenCount', c.reopen_count,
          'satisfaction', c.satisfaction,
          'customerPromise', 'Your complaint ' || c.reference || ' is registered. We will respond by '
            || ${iso('c.first_response_due_at')}
            || coalesce(' and propose a solution by ' || ${iso('c.resolution_due_at')}, '') || '.',
          'version', c.version
        ),
        k.created_at
      FROM idempotency_key k
      JOIN complaint c ON c.id = k.complaint_id
      LEFT JOIN complaint_policy p ON p.id = 1
      ON CONFLICT (caller, key) DO NOTHING`);
    await q.query(`DROP TABLE idempotency_key`);
  }

  /** Back to complaints' own table; keys stored since the upgrade keep their canonical hash. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        principal text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        complaint_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (principal, key)
      )`);
    await q.query(`
      INSERT INTO idempotency_key (principal, key, request_hash, complaint_id, created_at)
      SELECT r.caller, r.key, regexp_replace(r.request_hash, '^legacy:', ''), c.id, r.created_at
      FROM idempotent_request r JOIN complaint c ON c.id::text = r.resource_id`);
  }
}
