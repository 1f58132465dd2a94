import { Envelope, EnvelopeShape } from './envelope';
import { ServiceName } from './services';
import { parseSubject } from './subjects';
import { conformsTo, invalid, validateAs, validateShallow, Validation } from './validation';

export interface ContractEntry<P = unknown, R = unknown> {
  subject: string;
  kind: 'event' | 'request';
  /** The class of the event's `data`, or of the request body. */
  payload: new () => P;
  /** The class of the reply body (requests only). */
  reply?: new () => R;
  description: string;
  /** Who is expected to consume (documentation; the producer is the subject's service). */
  consumers?: ServiceName[];
}

/** A registry entry whose subject keeps its literal type, so that payload types can be looked up by subject. */
export type TypedEntry<S extends string, K extends 'event' | 'request', P, R = never> = ContractEntry<
  P,
  R
> & {
  subject: S;
  kind: K;
};

export function defineEvent<S extends string, P>(
  subject: S,
  payload: new () => P,
  meta: { description: string; consumers?: ServiceName[] },
): TypedEntry<S, 'event', P> {
  return { subject, kind: 'event', payload, ...meta };
}

export function defineRequest<S extends string, P, R>(
  subject: S,
  payload: new () => P,
  reply: new () => R,
  meta: { description: string; consumers?: ServiceName[] },
): TypedEntry<S, 'request', P, R> {
  return { subject, kind: 'request', payload, reply, ...meta };
}

/**
 * Every message the services exchange, by subject, with its validation. Consumers validate every
 * incoming message here before acting on it; a message that fails goes to dead letters.
 */
export class ContractRegistry {
  private readonly entries = new Map<string, ContractEntry>();
  /** The producing service of each registered subject, parsed once (validateEnvelope asks per message). */
  private readonly producers = new Map<string, ServiceName>();

  constructor(entries: ContractEntry[]) {
    for (const entry of entries) {
      const parsed = parseSubject(entry.subject);
      if (!parsed) throw new Error(`contract "${entry.subject}" breaks the subject naming rule`);
      if (parsed.kind !== entry.kind) {
        throw new Error(
          `contract "${entry.subject}" is declared ${entry.kind} but its subject is a ${parsed.kind}`,
        );
      }
      if ((entry.kind === 'request') !== (entry.reply !== undefined)) {
        throw new Error(`contract "${entry.subject}": requests have a reply class, events do not`);
      }
      if (entry.consumers?.includes(parsed.service)) {
        throw new Error(`contract "${entry.subject}": ${parsed.service} cannot consume its own message`);
      }
      if (this.entries.has(entry.subject)) throw new Error(`contract "${entry.subject}" is registered twice`);
      this.entries.set(entry.subject, entry);
      this.producers.set(entry.subject, parsed.service);
    }
  }

  get(subject: string): ContractEntry | undefined {
    return this.entries.get(subject);
  }

  has(subject: string): boolean {
    return this.entries.has(subject);
  }

  all(): ContractEntry[] {
    return [...this.entries.values()];
  }

  /**
   * Checks the envelope of an event: id a UUIDv7, occurredAt an ISO-8601 date-time, type a registered
   * EVENT subject (an unknown type is an error on field 'type'), source the service named in type,
   * data an object. The payload inside `data` is not checked here: see validatePayload / validateEvent.
   */
  validateEnvelope(raw: unknown): Validation<Envelope> {
    // The rules checked on the JSON itself (ADR 0007's fast path, no instance made); only an envelope
    // that does not conform goes through class-validator, for its verdict and field errors.
    if (!conformsTo(EnvelopeShape, raw)) {
      const shape = validateShallow(EnvelopeShape, raw);
      if (!shape.ok) return shape;
    }
    const envelope = raw as Envelope;
    const entry = this.entries.get(envelope.type);
    if (!entry || entry.kind !== 'event')
      return invalid('type', `type "${envelope.type}" is not a registered event`);
    const producer = this.producers.get(envelope.type);
    if (envelope.source !== producer)
      return invalid('source', `source must be "${producer}", the service of ${envelope.type}`);
    return { ok: true, value: envelope };
  }

  /** Validates an event's data or a request body against the subject's payload class; returns a class instance. */
  validatePayload<P>(subject: string, data: unknown): Validation<P> {
    const entry = this.entries.get(subject);
    if (!entry) return invalid('type', `"${subject}" is not a registered subject`);
    return validateAs(entry.payload as new () => P & object, data);
  }

  /**
   * validatePayload for a JSON value (JSON.parse's output) whose class instance nobody needs, such as an
   * event's data handed to its handler: a value that conforms is returned as it is, not copied into an
   * instance (the contracts are data classes, no methods or accessors); anything else goes through
   * validatePayload, which gives the verdict, the field errors and the instance.
   */
  validateJsonPayload<P>(subject: string, data: unknown): Validation<P> {
    const entry = this.entries.get(subject);
    if (entry && conformsTo(entry.payload as new () => object, data)) return { ok: true, value: data as P };
    return this.validatePayload<P>(subject, data);
  }

  /** Validates a reply body against the request's reply class; returns a class instance. */
  validateReply<R>(subject: string, data: unknown): Validation<R> {
    const entry = this.entries.get(subject);
    if (!entry?.reply) return invalid('type', `"${subject}" is not a registered request`);
    return validateAs(entry.reply as new () => R & object, data);
  }

  /**
   * Envelope and payload in one call, as a consumer receives them: payload errors are reported under
   * `data.` (`data.lines.0.sku`). On success `value.data` is the payload class instance.
   */
  validateEvent<P>(raw: unknown): Validation<Envelope<P>> {
    const envelope = this.validateEnvelope(raw);
    if (!envelope.ok) return envelope;
    const entry = this.entries.get(envelope.value.type) as ContractEntry;
    const data = validateAs(entry.payload as new () => P & object, envelope.value.data, 'data');
    if (!data.ok) return data;
    return { ok: true, value: { ...envelope.value, data: data.value } };
  }
}
