import { ServiceName, streamName, streamSubjects } from '@cx/contracts';

/**
 * Maps logical subjects and stream names onto the wire. A namespace (NATS_NAMESPACE) prefixes every
 * subject and stream, so test runs or environments can share one NATS server without seeing each other.
 * Envelopes and handlers always use the logical subject.
 */
export class NatsNaming {
  constructor(readonly namespace: string = '') {}

  subject(logical: string): string {
    return this.namespace ? `${this.namespace}.${logical}` : logical;
  }

  logical(wire: string): string {
    const prefix = this.namespace ? `${this.namespace}.` : '';
    return prefix && wire.startsWith(prefix) ? wire.slice(prefix.length) : wire;
  }

  stream(service: ServiceName): string {
    const base = streamName(service);
    return this.namespace ? `${this.namespace.toUpperCase().replace(/-/g, '_')}_${base}` : base;
  }

  streamSubjects(service: ServiceName): string {
    return this.subject(streamSubjects(service));
  }

  /** Durable consumer name: one per (consuming service, source stream). */
  durable(consumer: ServiceName, source: ServiceName): string {
    return `${consumer}__${source}`;
  }
}
