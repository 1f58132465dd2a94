import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BaseConfig } from '../config/config';
import { Clock } from '../time/clock';
import { HOUR_MS } from '../time/durations';
import { ScheduledJobs } from '../time/scheduler';
import { DomainError } from './errors';
import { IDEMPOTENCY_HEADER } from './idempotency';

/** The same Idempotency-Key (of the same caller) came with another body: 422, field `Idempotency-Key`. */
export class IdempotencyKeyReusedError extends DomainError<'IDEMPOTENCY_KEY_REUSED'> {
  constructor() {
    super(
      'IDEMPOTENCY_KEY_REUSED',
      422,
      `this ${IDEMPOTENCY_HEADER} was sent before with another body: use a new key for a new request`,
      { field: IDEMPOTENCY_HEADER },
    );
  }
}

/** JSON with every object's keys sorted, so two bodies that differ only in key order read the same. */
export function canonicalJson(value: unknown): string {
  try {
    return written(value) ?? 'null';
  } catch (e) {
    if (e !== UNUSUAL) throw e;
    return canonicalJsonByReplacer(value);
  }
}

/**
 * The definition: JSON.stringify with a replacer that gives each object its keys sorted. Hashes stored
 * with orders and keys were made with it, so `written` must give the same text (a spec compares them).
 */
export function canonicalJsonByReplacer(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  ) as string | undefined;
  return text ?? 'null';
}

/** Thrown by `written` for a value it leaves to the definition (made once: no stack per throw). */
const UNUSUAL = new Error('left to canonicalJsonByReplacer');
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/**
 * The same text as canonicalJsonByReplacer, written in one pass: the replacer built a sorted copy of
 * every object, which made hashing a bulk request's purchases cost 5 % of the service's CPU. Keys come
 * out as the copy's would: array-index keys first in numeric order (a JavaScript object's own order),
 * then the others sorted. A value with its own toJSON other than a Date's goes to the definition.
 */
function written(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(v);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      return JSON.stringify(v); // throws, as the definition does
    case 'object':
      break;
  }
  if (v === null) return 'null';
  if (v instanceof Date) return JSON.stringify(v);
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') throw UNUSUAL;
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + (written(v[i]) ?? 'null');
    return out + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '';
  for (const k of keys) {
    const c = k.charCodeAt(0);
    if (c >= 48 && c <= 57 && ARRAY_INDEX.test(k)) throw UNUSUAL;
    const text = written(o[k]);
    if (text !== undefined) out += ',' + JSON.stringify(k) + ':' + text;
  }
  return out === '' ? '{}' : '{' + out.slice(1) + '}';
}

/** sha256 (hex) of the body's canonical JSON: what tells a retry from another request under the same key. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * Rows complaints stored before the platform kept the keys hash `JSON.stringify(body)` as received
 * (key order included) and are marked with this prefix by its migration 1763900000003. They expire
 * with the retention period; this branch can go once no service has such rows.
 */
const LEGACY_PREFIX = 'legacy:';
const legacyHash = (body: unknown) =>
  LEGACY_PREFIX +
  createHash('sha256')
    .update(JSON.stringify(body) ?? 'null')
    .digest('hex');

/** One create sent with an Idempotency-Key. */
export interface IdempotentRequest {
  /** Who sent it (the principal's sub): keys are per caller, two callers never share one. */
  caller: string;
  /** The header's value (`@IdempotencyKey()`). */
  key: string;
  /** What makes two requests the same: the body, as validated. Hashed, never stored. */
  body: unknown;
}

/** The answer to a create, stored with its key so that a retry gets it again. */
export interface IdempotentAnswer<T> {
  status: number;
  /** Must be JSON (it is stored as JSON and given back parsed). */
  body: T;
  /** Id of what was created (kept beside the key for people reading the table). */
  resourceId?: string;
}

export type IdempotentOutcome<T> =
  /** This request did the work; `answer` is what it produced. */
  | { kind: 'first'; answer: IdempotentAnswer<T> }
  /** A retry: the answer of the request that did the work (in this batch or before). */
  | { kind: 'replay'; answer: IdempotentAnswer<T> }
  /** The key was sent before with another body. */
  | { kind: 'reused' };

/** What a single-request caller sends back: 200 with the first body for a retry. */
export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** A retry creates nothing: it answers 200 with the first body, whatever the first status was. */
export const REPLAY_STATUS = 200;

/** The HTTP answer of one outcome: the first answer, or its replay with 200; a reused key throws (422). */
export function idempotentResult<T>(outcome: IdempotentOutcome<T>): IdempotentResult<T> {
  switch (outcome.kind) {
    case 'first':
      return { status: outcome.answer.status, body: outcome.answer.body, replayed: false };
    case 'replay':
      return { status: REPLAY_STATUS, body: outcome.answer.body, replayed: true };
    case 'reused':
      throw new IdempotencyKeyReusedError();
  }
}

/** The claim of a batch's keys, for a caller that sends it as a `WITH` part of its own statement (runAll's claimWith). */
export interface KeyClaim {
  /** `INSERT ... RETURNING caller, key`, its parameters numbered from `$1`. */
  sql: string;
  params: unknown[];
}

/** A key the claim took (one row it returned). */
export interface ClaimedKey {
  caller: string;
  key: string;
}

interface StoredRow {
  caller: string;
  key: string;
  requestHash: string;
  status: number | null;
  body: unknown;
  resourceId: string | null;
}

/** Rows removed per sweep statement; a sweep repeats until fewer are left. */
const SWEEP_BATCH = 5_000;
const SWEEP_INTERVAL_MS = HOUR_MS;
const SWEEP_JOB = 'platform.idempotency-key-sweep';

const scopeOf = (r: { caller: string; key: string }) => `${r.caller}\u0000${r.key}`;

/**
 * The Idempotency-Key store of every service (table `idempotent_request`, docs/api.md#idempotency-key).
 *
 * A key is claimed first in the transaction that creates (`INSERT ... ON CONFLICT DO NOTHING`), and
 * the answer is recorded in the same transaction before it commits. A concurrent retry's claim waits
 * on the uncommitted row until that transaction ends: after a commit it finds the key taken and reads
 * the recorded answer; after a rollback it claims the key itself. So exactly one request per key does
 * the work, under any concurrency, as long as transactions are READ COMMITTED (the default).
 *
 * `run` is the form for one request per transaction, `runAll` for group-committed batches
 * (WriteBatcher). Keys older than IDEMPOTENCY_KEY_RETENTION_HOURS are swept hourly.
 */
@Injectable()
export class IdempotencyKeys extends ScheduledJobs {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: BaseConfig,
  ) {
    super('IdempotencyKeys');
    this.scheduler.every(SWEEP_JOB, SWEEP_INTERVAL_MS, () => this.sweepExpired());
  }

  /**
   * One create in the caller's transaction `em`. Without a request (no header) `create` just runs.
   * With one: the first request runs `create` and its answer is stored; a retry with the same body
   * gets that answer with status 200 (`replayed`); the same key with another body throws
   * IdempotencyKeyReusedError (422). Call it before the create's other writes, so a retry waits
   * before doing anything.
   */
  async run<T>(
    em: EntityManager,
    request: IdempotentRequest | undefined,
    create: () => Promise<IdempotentAnswer<T>>,
  ): Promise<IdempotentResult<T>> {
    const [outcome] = await this.runAll(em, [request], async () => [await create()]);
    return idempotentResult(outcome);
  }

  /**
   * The batch form, for creates written together in one transaction `em` (group commit). Claims the
   * keys of `requests` (undefined: no key) in one statement, in key order so that two batches with
   * overlapping keys cannot deadlock; calls `create` once with the indexes of the requests that must
   * be done (one answer each, in that order); records those answers; and gives one outcome per
   * request. A key sent twice in one batch is done once: the later one is a retry of the earlier.
   * A reused key is an outcome here, not an exception, so one such request does not fail the batch.
   *
   * `create` may write the answers with its own rows: `record(w, answers)` writes them through `w`
   * (one INSERT, so the holding manager of writeTogether can join it to the create's INSERTs: one
   * round trip fewer per batch with keys). It must be the answers `create` then returns, in the same
   * order. A create that does not call it gets its answers recorded after it, in a statement of their own.
   *
   * `options.claimWith` sends the claim inside the caller's own first statement instead of a statement
   * of its own (one round trip fewer per batch with keys): it is called once, before `create`, with the
   * claim as a data-modifying `WITH` part (`INSERT ... RETURNING caller, key`, parameters from `$1`;
   * undefined when no request has a key) and must give back the rows that part returned.
   */
  async runAll<T>(
    em: EntityManager,
    requests: readonly (IdempotentRequest | undefined)[],
    create: (
      indexes: number[],
      record: (w: EntityManager, answers: IdempotentAnswer<T>[]) => Promise<void>,
    ) => Promise<IdempotentAnswer<T>[]>,
    options: { claimWith?: (claim: KeyClaim | undefined) => Promise<ClaimedKey[]> } = {},
  ): Promise<IdempotentOutcome<T>[]> {
    const hashes = requests.map((r) => (r ? requestHash(r.body) : undefined));
    const leaders = new Map<string, number>(); // scope -> the first request with it in this batch
    requests.forEach((r, i) => {
      if (r && !leaders.has(scopeOf(r))) leaders.set(scopeOf(r), i);
    });

    const claim = this.claimStatement(
      [...leaders.values()].map((i) => ({ ...requests[i]!, requestHash: hashes[i]! })),
    );
    const claimedRows = options.claimWith
      ? await options.claimWith(claim)
      : claim
        ? await em.query<ClaimedKey[]>(claim.sql, claim.params)
        : [];
    const claimed = new Set(claimedRows.map(scopeOf));
    const todo = requests.flatMap((r, i) =>
      !r || (leaders.get(scopeOf(r)) === i && claimed.has(scopeOf(r))) ? [i] : [],
    );
    const keyed = (answers: IdempotentAnswer<T>[]) =>
      todo.flatMap((i, j) => {
        const r = requests[i];
        return r ? [{ caller: r.caller, key: r.key, requestHash: hashes[i]!, answer: answers[j] }] : [];
      });
    let recorded: IdempotentAnswer<T>[] | undefined;
    const record = async (w: EntityManager, given: IdempotentAnswer<T>[]) => {
      if (recorded) throw new Error('the answers of a create were recorded twice');
      if (given.length !== todo.length)
        throw new Error(`${given.length} answers recorded for ${todo.length} requests`);
      recorded = given;
      await this.record(w, keyed(given));
    };
    const answers = todo.length > 0 ? await create(todo, record) : [];
    if (answers.length !== todo.length)
      throw new Error(`create gave ${answers.length} answers for ${todo.length} requests`);
    if (!recorded) await this.record(em, keyed(answers));
    else if (recorded.some((a, j) => a !== answers[j]))
      throw new Error('create recorded other answers than those it gave');

    const outcomes: (IdempotentOutcome<T> | undefined)[] = requests.map(() => undefined);
    const done = new Map<string, { requestHash: string; answer: IdempotentAnswer<T> }>();
    todo.forEach((i, j) => {
      outcomes[i] = { kind: 'first', answer: answers[j] };
      const r = requests[i];
      if (r) done.set(scopeOf(r), { requestHash: hashes[i]!, answer: answers[j] });
    });

    const retries = requests.flatMap((r, i) => (r && outcomes[i] === undefined ? [i] : []));
    if (retries.length === 0) return outcomes as IdempotentOutcome<T>[];
    const earlier = await this.find<T>(
      em,
      retries.map((i) => requests[i]!).filter((r) => !done.has(scopeOf(r))),
    );
    for (const i of retries) {
      const r = requests[i]!;
      const stored = done.get(scopeOf(r)) ?? earlier.get(scopeOf(r));
      // A row that vanished was older than the retention and swept between the claim and this read.
      if (!stored)
        throw new Error(`${IDEMPOTENCY_HEADER} ${r.key} of ${r.caller} was taken but its row is gone`);
      outcomes[i] =
        stored.requestHash === hashes[i] || stored.requestHash === legacyHash(r.body)
          ? { kind: 'replay', answer: stored.answer }
          : { kind: 'reused' };
    }
    return outcomes as IdempotentOutcome<T>[];
  }

  /**
   * Removes keys older than IDEMPOTENCY_KEY_RETENTION_HOURS, in bounded statements. Safe with
   * replicas sweeping at once (they skip each other's rows). Returns how many were removed.
   */
  async sweepExpired(): Promise<number> {
    const before = new Date(
      this.clock.now().getTime() - this.config.IDEMPOTENCY_KEY_RETENTION_HOURS * HOUR_MS,
    );
    let total = 0;
    for (;;) {
      // TypeORM answers a DELETE with [rows, affected].
      const [, removed] = await this.dataSource.query<[unknown, number]>(
        `DELETE FROM idempotent_request WHERE ctid IN (
           SELECT ctid FROM idempotent_request WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [before, SWEEP_BATCH],
      );
      total += removed;
      if (removed < SWEEP_BATCH) return total;
    }
  }

  /** Inserts the keys not taken yet, returning those this transaction claimed; undefined for no keys. */
  private claimStatement(
    claims: { caller: string; key: string; requestHash: string }[],
  ): KeyClaim | undefined {
    if (claims.length === 0) return undefined;
    return {
      sql: `INSERT INTO idempotent_request (caller, key, request_hash, created_at)
       SELECT u.caller, u.key, u.request_hash, $4
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(caller, key, request_hash)
       ORDER BY 1, 2
       ON CONFLICT (caller, key) DO NOTHING
       RETURNING caller, key`,
      params: [
        claims.map((c) => c.caller),
        claims.map((c) => c.key),
        claims.map((c) => c.requestHash),
        this.clock.now(),
      ],
    };
  }

  /**
   * Sets the answers on the keys this transaction claimed. An INSERT that always meets its claimed row
   * (ON CONFLICT DO UPDATE), not an UPDATE, so that writeTogether can send it with the create's rows;
   * the inserted values are the claim's, should a row ever be missing.
   */
  private async record(
    em: EntityManager,
    answers: { caller: string; key: string; requestHash: string; answer: IdempotentAnswer<unknown> }[],
  ): Promise<void> {
    if (answers.length === 0) return;
    await em.query(
      `INSERT INTO idempotent_request (caller, key, request_hash, created_at, status, body, resource_id)
       SELECT u.caller, u.key, u.request_hash, $7, u.status, u.body::json, u.resource_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[])
         AS u(caller, key, request_hash, status, body, resource_id)
       ON CONFLICT (caller, key) DO UPDATE
       SET status = EXCLUDED.status, body = EXCLUDED.body, resource_id = EXCLUDED.resource_id`,
      [
        answers.map((a) => a.caller),
        answers.map((a) => a.key),
        answers.map((a) => a.requestHash),
        answers.map((a) => a.answer.status),
        answers.map((a) => (JSON.stringify(a.answer.body) as string | undefined) ?? 'null'),
        answers.map((a) => a.answer.resourceId ?? null),
        this.clock.now(),
      ],
    );
  }

  /** The stored rows of these keys (committed by other transactions), by scope. */
  private async find<T>(
    em: EntityManager,
    keys: { caller: string; key: string }[],
  ): Promise<Map<string, { requestHash: string; answer: IdempotentAnswer<T> }>> {
    if (keys.length === 0) return new Map();
    const rows = await em.query<StoredRow[]>(
      `SELECT r.caller, r.key, r.request_hash AS "requestHash", r.status, r.body, r.resource_id AS "resourceId"
       FROM idempotent_request r JOIN unnest($1::text[], $2::text[]) AS u(caller, key) USING (caller, key)`,
      [keys.map((k) => k.caller), keys.map((k) => k.key)],
    );
    const found = new Map<string, { requestHash: string; answer: IdempotentAnswer<T> }>();
    for (const row of rows) {
      // Answers are recorded before the claiming transaction commits: a row without one is a bug.
      if (row.status === null)
        throw new Error(`${IDEMPOTENCY_HEADER} ${row.key} of ${row.caller} has no recorded answer`);
      found.set(scopeOf(row), {
        requestHash: row.requestHash,
        answer: { status: row.status, body: row.body as T, resourceId: row.resourceId ?? undefined },
      });
    }
    return found;
  }
}
