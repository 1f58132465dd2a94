import { IsIn, IsObject, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsTimestamp, REF_MAX } from './common/rules';
import { SERVICES, ServiceName } from './services';

/**
 * Envelope of every event: the JSON body of a JetStream message. The W3C `traceparent` travels in NATS
 * headers, not here; `Nats-Msg-Id` equals `id`, so JetStream drops a republished duplicate and the
 * consumer's inbox (keyed by `id`) absorbs any that get through. Requests (rpc.*) carry no envelope.
 */
export interface Envelope<T = unknown> {
  /** UUIDv7: time-ordered, unique per message; also the outbox row id, Nats-Msg-Id and inbox key. */
  id: string;
  /** The logical subject, e.g. `evt.crm.purchase.recorded.v1`. */
  type: string;
  /** When the fact happened (ISO-8601 with zone), not when it was published. */
  occurredAt: string;
  /** The producing service; always the service named in `type`. */
  source: ServiceName;
  /** Id of the aggregate the event is about (a customer, a complaint, ...): the key for per-aggregate order. */
  aggregateId: string;
  data: T;
}

/** The envelope's validation rules (the payload in `data` is validated by its own class). */
export class EnvelopeShape {
  @IsUUID('7', { message: 'id must be a UUIDv7' })
  id!: string;

  @IsString()
  @Matches(/^evt\./, { message: 'type must be an event subject (evt.*)' })
  type!: string;

  @IsTimestamp()
  occurredAt!: string;

  @IsIn(SERVICES)
  source!: ServiceName;

  @IsString()
  @Length(1, REF_MAX)
  aggregateId!: string;

  @IsObject()
  data!: object;
}
