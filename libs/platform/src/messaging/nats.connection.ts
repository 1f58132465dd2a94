import { jetstream, JetStreamClient, jetstreamManager, JetStreamManager } from '@nats-io/jetstream';
import { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { Logger } from '@nestjs/common';
import { ServiceName } from '@cx/contracts';
import { NatsNaming } from './naming';
import { DEFAULT_STREAM_LIMITS, ensureStream, StreamLimits } from './streams';

export interface NatsOptions {
  servers: string;
  /** Connection name shown in NATS monitoring. */
  name: string;
  naming: NatsNaming;
  streamLimits?: StreamLimits;
}

/**
 * The one NATS connection of a service process: core NATS for requests, JetStream for events.
 * Reconnects forever; the outbox keeps events safe while NATS is away.
 */
export class NatsClient {
  private connection?: NatsConnection;
  private jsClient?: JetStreamClient;
  private manager?: JetStreamManager;
  private readonly log = new Logger('Nats');
  private readonly ensured = new Set<ServiceName>();

  constructor(readonly options: NatsOptions) {}

  get naming(): NatsNaming {
    return this.options.naming;
  }

  async connect(): Promise<void> {
    if (this.connection) return;
    const nc = await connect({
      servers: this.options.servers.split(','),
      name: this.options.name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      // Otherwise every request (each JetStream publish) builds two Error objects up front to keep the
      // caller's stack for a timeout: about a tenth of the relay's CPU. Errors keep their messages.
      noAsyncTraces: true,
    });
    this.connection = nc;
    this.jsClient = jetstream(nc, { timeout: 5_000 });
    this.manager = await jetstreamManager(nc, { timeout: 5_000 });
    void this.watch(nc);
  }

  private async watch(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect') this.log.warn(`NATS ${s.type}`);
    }
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new Error('NATS is not connected yet');
    return this.connection;
  }

  get js(): JetStreamClient {
    if (!this.jsClient) throw new Error('NATS is not connected yet');
    return this.jsClient;
  }

  get jsm(): JetStreamManager {
    if (!this.manager) throw new Error('NATS is not connected yet');
    return this.manager;
  }

  /** Ensures a service's event stream exists with our limits (once per process). */
  async ensureStream(service: ServiceName): Promise<void> {
    if (this.ensured.has(service)) return;
    await ensureStream(this.jsm, this.naming, service, this.options.streamLimits ?? DEFAULT_STREAM_LIMITS);
    this.ensured.add(service);
  }

  isConnected(): boolean {
    return !!this.connection && !this.connection.isClosed() && !this.connection.isDraining();
  }

  /** Round trip to the server: the readiness check. */
  async ping(): Promise<void> {
    await this.nc.flush();
  }

  async close(): Promise<void> {
    const nc = this.connection;
    this.connection = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }
}
