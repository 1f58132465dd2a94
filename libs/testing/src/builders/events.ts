// Contract events for tests: the samples of @cx/contracts (one realistic story, valid by construction)
// with a test's own values merged in, nested objects included.
import { Envelope, EventSubject, PayloadOf, sampleEnvelopeFor, sampleFor } from '@cx/contracts';

/** Like Partial, all the way down; arrays are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** A valid payload of an event subject with `over` merged in (`{ subject: { id } }` keeps `subject.type`;
 * an undefined value removes an optional field). */
export function eventData<S extends EventSubject>(
  subject: S,
  over?: DeepPartial<PayloadOf<S>>,
): PayloadOf<S> {
  return merge(sampleFor(subject), over ?? {});
}

/** A valid envelope (a new id each call) around eventData; aggregateId follows the payload. */
export function eventEnvelope<S extends EventSubject>(
  subject: S,
  data?: DeepPartial<PayloadOf<S>>,
  envelope: Partial<Omit<Envelope, 'data'>> = {},
): Envelope<PayloadOf<S>> {
  return sampleEnvelopeFor(subject, { ...envelope, data: eventData(subject, data) });
}

function merge<T>(base: T, over: unknown): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(over as object))
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key], value) : value;
  return out as T;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
