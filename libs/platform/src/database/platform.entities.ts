import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An event waiting to be published (or published, until housekeeping removes it). */
@Entity('outbox')
export class OutboxEntity {
  /** Order of writing; the relay publishes in this order, so per-aggregate order is kept. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  /** Event id = envelope id = Nats-Msg-Id = the consumers' inbox key. */
  @Index({ unique: true })
  @Column('uuid')
  id!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  aggregateId!: string;

  /** The serialized envelope, published byte for byte. */
  @Column('text')
  payload!: string;

  @Column('jsonb', { default: {} })
  headers!: Record<string, string>;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('timestamptz', { default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;
}

/** Messages a consumer has applied: (consumer, message id) is inserted first in the handler's transaction. */
@Entity('inbox')
export class InboxEntity {
  @PrimaryColumn('text')
  consumer!: string;

  @PrimaryColumn('uuid')
  messageId!: string;

  @Column('text')
  subject!: string;

  @Column('timestamptz', { default: () => 'now()' })
  receivedAt!: Date;
}

export const DEAD_LETTER_REASONS = ['contract', 'max-deliveries', 'no-handler'] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

/** A message that could not be applied: visible and replayable from the admin API. */
@Entity('dead_letter')
export class DeadLetterEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  consumer!: string;

  /** The envelope id when it could be read, else the NATS message id or stream sequence. */
  @Column('text')
  messageId!: string;

  @Column('text')
  subject!: string;

  @Column('bigint', { nullable: true })
  streamSeq!: string | null;

  @Column('int')
  deliveries!: number;

  @Column('text')
  reason!: DeadLetterReason;

  @Column('text')
  error!: string;

  /** The message body as received (it may not even be JSON). */
  @Column('text')
  payload!: string;

  @Column('jsonb', { default: {} })
  headers!: Record<string, string>;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  replayedAt!: Date | null;

  @Column('text', { nullable: true })
  replayedBy!: string | null;

  @Column('text', { nullable: true })
  replayError!: string | null;
}

/** Who read or changed personal data, when, and why. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  @Column('text')
  actorId!: string;

  @Column('text')
  actorRole!: string;

  @Column('text')
  action!: string;

  @Column('text')
  subjectType!: string;

  @Column('text')
  subjectId!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  fields!: string[];

  @Column('text', { nullable: true })
  purpose!: string | null;

  @Column('text', { nullable: true })
  traceId!: string | null;
}

/**
 * A create sent with an Idempotency-Key: claimed first in the transaction that creates, with the
 * first answer recorded before it commits (IdempotencyKeys). Keys are per caller.
 */
@Entity('idempotent_request')
export class IdempotentRequestEntity {
  /** The caller's principal sub. */
  @PrimaryColumn('text')
  caller!: string;

  @PrimaryColumn('text')
  key!: string;

  /** sha256 of the body's canonical JSON (requestHash). */
  @Column('text')
  requestHash!: string;

  /** Id of what the first request created. */
  @Column('text', { nullable: true })
  resourceId!: string | null;

  /** The first answer's status and body; null only inside the claiming transaction. */
  @Column('int', { nullable: true })
  status!: number | null;

  @Column('json', { nullable: true })
  body!: unknown;

  @Index()
  @Column('timestamptz')
  createdAt!: Date;
}

export const PLATFORM_ENTITIES = [
  OutboxEntity,
  InboxEntity,
  DeadLetterEntity,
  AuditLogEntity,
  IdempotentRequestEntity,
];
