import { CreatedAtPosition, newestFirst, PreparedRead, ReadAudit, WriteBatcher } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  CustomerConsentEntity,
  CustomerConsentHistoryEntity,
  CustomerEntity,
  CustomerRetentionPolicyEntity,
} from './customer.entity';
import { PERSONAL_FIELDS } from './customer.rules';

/** Which unique contact a write collided with, from the unique index's name. */
export type TakenContact = 'phone' | 'email';

function takenContact(e: unknown): TakenContact | null {
  if (!(e instanceof QueryFailedError)) return null;
  const err = e.driverError as { code?: string; constraint?: string };
  if (err.code !== '23505') return null;
  if (err.constraint === 'ux_customer_phone_hash') return 'phone';
  if (err.constraint === 'ux_customer_email_hash') return 'email';
  return null;
}

/** A profile with its current consents. */
export type CustomerWithConsents = { customer: CustomerEntity; consents: CustomerConsentEntity[] };

type LookupKey = 'id' | 'phone_hash' | 'email_hash';

/**
 * Who reads and why, for a read that writes its own audit entry. `skipMerged`: the caller answers a
 * merged record with its survivor (read and audited next), so the merged record's read is not audited.
 */
export interface AuditedRead {
  by: ReadAudit;
  skipMerged: boolean;
}

interface Lookup {
  value: string;
  audit: AuditedRead | undefined;
}

type RawConsent = Omit<CustomerConsentEntity, 'customerId' | 'changedAt'> & { changedAt: string };

/** The only place that touches the customer tables. */
@Injectable()
export class CustomerRepository {
  private readonly byKey: Record<LookupKey, WriteBatcher<Lookup, CustomerWithConsents | null>>;

  constructor(private readonly dataSource: DataSource) {
    this.byKey = {
      id: this.lookupBy('id'),
      phone_hash: this.lookupBy('phone_hash'),
      email_hash: this.lookupBy('email_hash'),
    };
  }

  /**
   * Profiles with their consents (ordered by purpose and channel, aggregated in the row) for a batch of
   * keys, one statement: a read costs one round trip per batch instead of one per request. The same
   * statement writes the audit entry of each audited request (ADR 35): one row per request that found
   * a record with personal fields, naming the fields the answer shows (those with a value, as
   * `toCustomerView` shows them), except for a merged record the caller answers with its survivor.
   * Outside a transaction the statement commits before its answer arrives: no unaudited read.
   */
  private lookupBy(key: LookupKey): WriteBatcher<Lookup, CustomerWithConsents | null> {
    const type = key === 'id' ? 'uuid' : 'text';
    const fields = PERSONAL_FIELDS.map((f) => `CASE WHEN f.${f} IS NULL THEN NULL ELSE '${f}' END`);
    const read = new PreparedRead(
      this.dataSource,
      CustomerEntity,
      `crm_customer_audited_by_${key}`,
      (select) => `WITH found AS (
          SELECT ${select('c')}, COALESCE((
            SELECT json_agg(json_build_object('purpose', k.purpose, 'channel', k.channel, 'granted', k.granted,
                     'changedAt', k.changed_at, 'source', k.source) ORDER BY k.purpose, k.channel)
              FROM customer_consent k WHERE k.customer_id = c.id), '[]') AS "consents__"
          FROM customer c WHERE c.${key} = ANY($1::${type}[])
        ), audited AS (
          INSERT INTO audit_log (actor_id, actor_role, action, subject_type, subject_id, fields, purpose, trace_id)
          SELECT a.actor_id, a.actor_role, 'read', 'customer', f.id, p.fields, a.purpose, a.trace_id
          FROM unnest($2::${type}[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
              AS a(key, actor_id, actor_role, purpose, trace_id, skip_merged)
            JOIN found f ON f.${key} = a.key
            CROSS JOIN LATERAL (SELECT array_remove(ARRAY[${fields.join(', ')}], NULL) AS fields) p
          WHERE cardinality(p.fields) > 0 AND (f.merged_into_id IS NULL OR NOT a.skip_merged)
        )
        SELECT * FROM found`,
    );
    return new WriteBatcher(
      async (lookups) => {
        // Postgres answers a uuid in lower case, whatever case it was asked in.
        const wanted = lookups.map((l) => (key === 'id' ? l.value.toLowerCase() : l.value));
        const audited = lookups.flatMap((l, i) => (l.audit ? [{ key: wanted[i], ...l.audit }] : []));
        const rows = await read.run([
          [...new Set(wanted)],
          audited.map((a) => a.key),
          audited.map((a) => a.by.actorId),
          audited.map((a) => a.by.actorRole),
          audited.map((a) => a.by.purpose),
          audited.map((a) => a.by.traceId),
          audited.map((a) => a.skipMerged),
        ]);
        const byValue = new Map(rows.map((r) => [r[key] as string, r]));
        // Built per caller: two reads of the same customer in a batch get objects of their own.
        return wanted.map((v) => {
          const row = byValue.get(v);
          if (!row) return null;
          const customer = read.toEntity(row);
          const consents = (row.consents__ as RawConsent[]).map((k) =>
            Object.assign(new CustomerConsentEntity(), {
              customerId: customer.id,
              purpose: k.purpose,
              channel: k.channel,
              granted: k.granted,
              changedAt: new Date(k.changedAt),
              source: k.source,
            }),
          );
          return { customer, consents };
        });
      },
      { maxBatch: 100, concurrency: 2 },
    );
  }

  /**
   * Inserts in the caller's transaction; the unique hash indexes decide, so two concurrent creates
   * with the same phone cannot both succeed. Returns the contact that was taken, or null (the
   * transaction is then aborted: the caller throws).
   */
  async insert(em: EntityManager, customer: CustomerEntity): Promise<TakenContact | null> {
    try {
      await em.insert(CustomerEntity, customer);
      return null;
    } catch (e) {
      const taken = takenContact(e);
      if (taken) return taken;
      throw e;
    }
  }

  /** Writes the whole row (locked by the caller); returns the contact that was taken, or null. */
  async update(em: EntityManager, customer: CustomerEntity): Promise<TakenContact | null> {
    const { id, ...rest } = customer;
    try {
      await em.update(CustomerEntity, { id }, rest);
      return null;
    } catch (e) {
      const taken = takenContact(e);
      if (taken) return taken;
      throw e;
    }
  }

  findById(id: string): Promise<CustomerEntity | null> {
    return this.dataSource.getRepository(CustomerEntity).findOneBy({ id });
  }

  findByHash(kind: 'phone' | 'email', hash: string): Promise<CustomerEntity | null> {
    const repo = this.dataSource.getRepository(CustomerEntity);
    return kind === 'phone' ? repo.findOneBy({ phoneHash: hash }) : repo.findOneBy({ emailHash: hash });
  }

  /**
   * The profile and its current consents in one statement (a read answers from both), by id or by
   * the keyed hash of its phone or email. Concurrent reads by the same key go together: one prepared
   * statement answers a batch (ADR 20); alone, a read is sent at once. With `audit`, that statement
   * also writes the read's audit entry when it finds personal data (ADR 35): the promise settles once
   * the entry is committed, and fails if it could not be.
   */
  async findWithConsents(
    by: { id: string } | { phoneHash: string } | { emailHash: string },
    audit?: AuditedRead,
  ): Promise<CustomerWithConsents | null> {
    return 'id' in by
      ? this.byKey.id.submit({ value: by.id, audit })
      : 'phoneHash' in by
        ? this.byKey.phone_hash.submit({ value: by.phoneHash, audit })
        : this.byKey.email_hash.submit({ value: by.emailHash, audit });
  }

  /** The row, locked FOR UPDATE in the caller's transaction. */
  lockById(em: EntityManager, id: string): Promise<CustomerEntity | null> {
    return em
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  /** Both rows locked in id order, so two merges of the same pair cannot deadlock. */
  async lockPair(em: EntityManager, a: string, b: string): Promise<Map<string, CustomerEntity>> {
    const rows = await em
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id IN (:...ids)', { ids: [a, b] })
      .orderBy('c.id')
      .getMany();
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Records merged into `survivorId`, locked (they are erased with it). */
  lockMergedInto(em: EntityManager, survivorId: string): Promise<CustomerEntity[]> {
    return em
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.merged_into_id = :survivorId', { survivorId })
      .orderBy('c.id')
      .getMany();
  }

  /** Records that pointed to `from` point to `to` now: a merge chain stays one step long. */
  async repointMerged(em: EntityManager, from: string, to: string): Promise<void> {
    await em.update(CustomerEntity, { mergedIntoId: from }, { mergedIntoId: to });
  }

  consentsOf(customerId: string, em?: EntityManager): Promise<CustomerConsentEntity[]> {
    return (em ?? this.dataSource.manager).getRepository(CustomerConsentEntity).find({
      where: { customerId },
      order: { purpose: 'ASC', channel: 'ASC' },
    });
  }

  /** The consents of several customers, for a page of the list. */
  async consentsOfMany(ids: string[]): Promise<Map<string, CustomerConsentEntity[]>> {
    const byCustomer = new Map<string, CustomerConsentEntity[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byCustomer;
    const rows = await this.dataSource
      .getRepository(CustomerConsentEntity)
      .createQueryBuilder('k')
      .where('k.customer_id IN (:...ids)', { ids })
      .orderBy('k.purpose')
      .addOrderBy('k.channel')
      .getMany();
    for (const r of rows) byCustomer.get(r.customerId)?.push(r);
    return byCustomer;
  }

  /** The current consents and their history rows, in the caller's transaction. */
  async recordConsents(
    em: EntityManager,
    current: CustomerConsentEntity[],
    history: CustomerConsentHistoryEntity[],
  ): Promise<void> {
    if (current.length === 0) return;
    await em.upsert(CustomerConsentEntity, current, ['customerId', 'purpose', 'channel']);
    await em.insert(CustomerConsentHistoryEntity, history);
  }

  consentHistory(customerId: string): Promise<CustomerConsentHistoryEntity[]> {
    return this.dataSource.getRepository(CustomerConsentHistoryEntity).find({
      where: { customerId },
      order: { recordedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Newest first, after `after` when given; `limit` rows at most. */
  list(after: CreatedAtPosition | undefined, limit: number): Promise<CustomerEntity[]> {
    const qb = this.dataSource.getRepository(CustomerEntity).createQueryBuilder('x');
    return newestFirst(qb, after, limit).getMany();
  }

  /** The customer's tier from loyalty's `customer_tier` table (read only; loyalty owns it). */
  async tierOf(customerId: string): Promise<{ tier: string; since: Date } | null> {
    const rows: { tier: string; since: Date }[] = await this.dataSource.query(
      `SELECT tier, since FROM customer_tier WHERE customer_id = $1`,
      [customerId],
    );
    return rows[0] ?? null;
  }

  retentionPolicy(): Promise<CustomerRetentionPolicyEntity> {
    return this.dataSource.getRepository(CustomerRetentionPolicyEntity).findOneByOrFail({ id: 1 });
  }

  async saveRetentionPolicy(em: EntityManager, policy: CustomerRetentionPolicyEntity): Promise<void> {
    await em.update(CustomerRetentionPolicyEntity, { id: 1 }, policy);
  }

  /**
   * Active profiles whose last change is before `cutoff` and with no purchase since (purchase table,
   * read only), oldest first, locked FOR UPDATE SKIP LOCKED: replicas running the retention job at
   * once each get other rows.
   */
  claimInactive(em: EntityManager, cutoff: Date, limit: number): Promise<CustomerEntity[]> {
    return em
      .getRepository(CustomerEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`c.status = 'active'`)
      .andWhere('c.last_activity_at < :cutoff', { cutoff })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM purchase p WHERE p.customer_id = c.id AND p.purchased_at >= :cutoff)',
      )
      .orderBy('c.last_activity_at')
      .limit(limit)
      .getMany();
  }
}
