import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The trigger that tells listeners a table changed: `notifyOnChange(table, channel)` in a service's
 * migration, after the platform migration that creates `cx_notify_change()`. One notification per
 * statement (not per row), delivered to every session listening on `channel` when the change commits.
 */
export const notifyOnChange = (table: string, channel: string): string =>
  `CREATE TRIGGER tr_${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
   FOR EACH STATEMENT EXECUTE FUNCTION cx_notify_change('${channel}')`;

const RECONNECT_MS = 1_000;

/**
 * Reads of tables that change rarely and are read on every request (the policies a lead edits),
 * kept in this process until one of those tables changes. The tables notify `channel` on every change
 * (`notifyOnChange`), and each replica listens on a connection of its own and empties its cache when
 * a notification arrives: a change made anywhere (another replica, a migration, psql) is seen
 * everywhere within the notification's delivery, a few milliseconds after its commit.
 *
 * While the listening connection is down nothing is kept (concurrent identical reads still share one
 * query), and the cache starts empty again once it is back, so a change missed meanwhile is never
 * served. The process that makes a change calls `clear()` after its commit to see it at once.
 */
export class CachedReads {
  private readonly log = new Logger('CachedReads');
  private readonly values = new Map<string, Promise<unknown>>();
  private listener?: Client;
  private listening = false;
  private stopped = false;
  private reconnect?: NodeJS.Timeout;
  private changes = 0;

  constructor(
    private readonly dataSource: DataSource,
    readonly channel: string,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel))
      throw new Error(`CachedReads: channel "${channel}" must be a lower-case identifier`);
  }

  /** Notifications received and local clears so far: grows with every change seen. */
  get generation(): number {
    return this.changes;
  }

  /** Whether values are kept (the listening connection is up). */
  get active(): boolean {
    return this.listening;
  }

  /** Nest lifecycle: a provider's cache listens from start-up until shutdown. */
  onModuleInit(): Promise<void> {
    return this.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Connects the listener; resolves once it listens (or has failed once and keeps retrying in the background). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    this.down();
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
  }

  /** The value of `read()` for `key`, read once and then kept until the next change. */
  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    const kept = this.values.get(key) as Promise<T> | undefined;
    if (kept) return kept;
    const generation = this.changes;
    const value = read();
    this.values.set(key, value);
    const forget = () => {
      if (this.values.get(key) === value) this.values.delete(key);
    };
    // Kept only while listening and if no change arrived during the read; a failed read is never kept.
    value.then(() => (this.listening && generation === this.changes ? undefined : forget()), forget);
    return value;
  }

  /** Drops every kept value: after a change this process made, or a notification of one. */
  clear(): void {
    this.changes++;
    this.values.clear();
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as { url?: string; applicationName?: string };
    const client = new Client({
      connectionString: options.url,
      application_name: `${options.applicationName ?? 'cx'}-listen`,
    });
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.clear();
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.stopped || this.listener !== client) return;
      this.clear(); // whatever changed while nobody listened
      this.listening = true;
    } catch (e) {
      this.lost(client, e as Error);
    }
  }

  private lost(client: Client, e?: Error): void {
    if (this.listener !== client) return;
    this.listener = undefined;
    this.down();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.log.warn(
      `listening on ${this.channel} failed (${e?.message ?? 'connection ended'}); not caching until it is back`,
    );
    this.reconnect = setTimeout(() => void this.connect(), RECONNECT_MS);
    this.reconnect.unref();
  }

  private down(): void {
    this.listening = false;
    this.clear();
  }
}
