import {
  DiscardPolicy,
  JetStreamApiError,
  JetStreamManager,
  RetentionPolicy,
  StorageType,
  StreamConfig,
} from '@nats-io/jetstream';
import { ServiceName } from '@cx/contracts';
import { NatsNaming } from './naming';

export interface StreamLimits {
  /** How long events stay replayable. */
  maxAgeMs: number;
  /** Publish dedup window on Nats-Msg-Id; must be <= maxAge. */
  duplicateWindowMs: number;
  /** A full stream rejects new events (discard new), so they wait in the outbox instead of evicting old ones. */
  maxBytes: number;
  replicas: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxAgeMs: 7 * 24 * 3600_000,
  duplicateWindowMs: 10 * 60_000,
  maxBytes: 1024 ** 3,
  replicas: 1,
};

const ms = (n: number) => n * 1_000_000; // JetStream durations are nanoseconds

/** Creates the event stream of a service, or brings its config up to date. Idempotent. */
export async function ensureStream(
  jsm: JetStreamManager,
  naming: NatsNaming,
  service: ServiceName,
  limits: StreamLimits = DEFAULT_STREAM_LIMITS,
): Promise<void> {
  const name = naming.stream(service);
  const config: Partial<StreamConfig> & { name: string; subjects: string[] } = {
    name,
    subjects: [naming.streamSubjects(service)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.New,
    max_age: ms(limits.maxAgeMs),
    duplicate_window: ms(limits.duplicateWindowMs),
    max_bytes: limits.maxBytes,
    num_replicas: limits.replicas,
  };
  try {
    const info = await jsm.streams.info(name);
    const c = info.config;
    const same =
      c.subjects.join() === config.subjects.join() &&
      c.max_age === config.max_age &&
      c.duplicate_window === config.duplicate_window &&
      c.max_bytes === config.max_bytes &&
      c.discard === config.discard;
    if (!same) await jsm.streams.update(name, { ...c, ...config, num_replicas: c.num_replicas });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    try {
      await jsm.streams.add(config);
    } catch (e2) {
      // Another replica created it at the same moment: fine, it has our config.
      if (!/already in use|already exists/i.test(String((e2 as Error).message))) throw e2;
    }
  }
}

export function isNotFound(e: unknown): boolean {
  if (e instanceof JetStreamApiError) return e.code === 10059 || e.code === 10014; // stream / consumer not found
  return /not found/i.test(String((e as Error)?.message));
}
