import { createInbox, Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/nats-core';

/** One message for JetStream: the stream dedups on `msgId` (Nats-Msg-Id). */
export interface Publication {
  subject: string;
  payload: string;
  msgId: string;
  headers: MsgHdrs;
}

/** What a PubAck starts with: `{"stream":"` and then the (non-empty) stream name. */
const ACK_PREFIX = Buffer.from('{"stream":"');

/**
 * JetStream publishes of a batch, their PubAcks received on one subscription of this publisher. What
 * `js.publish` does for each message (a request of its own: a deferred, a timer, options copied, and
 * once answered an Error object built and dropped by the client's request cleanup, 2 % of crm's bulk
 * ingest CPU with the rest of it; ADR 45) is done here once per batch: one timer, one subscription.
 * The messages are the same: each with its Nats-Msg-Id, its reply subject the server answers on.
 */
export class JetStreamPublisher {
  private connection?: NatsConnection;
  private sub?: Subscription;
  private prefix = '';
  private sent = 0;
  /** Per message waiting for its PubAck (by its reply token): settles it with null or the error's text. */
  private readonly waiting = new Map<string, (error: string | null) => void>();

  /**
   * Publishes `items` in order on `nc` and resolves, one entry per item, with null for a message the
   * stream stored (or had stored: a duplicate) and the error's text for one it did not, or whose PubAck
   * did not arrive within `timeoutMs`. Never rejects.
   */
  publishAll(nc: NatsConnection, items: Publication[], timeoutMs: number): Promise<(string | null)[]> {
    if (items.length === 0) return Promise.resolve([]);
    if (nc !== this.connection || !this.sub || this.sub.isClosed()) this.listen(nc);
    return new Promise((resolve) => {
      const outcomes: (string | null)[] = new Array<string | null>(items.length);
      const tokens: string[] = [];
      let open = items.length;
      const timer = setTimeout(() => {
        for (const t of tokens) this.waiting.get(t)?.(`no PubAck within ${timeoutMs} ms`);
      }, timeoutMs);
      items.forEach((item, i) => {
        const token = String(++this.sent);
        tokens.push(token);
        this.waiting.set(token, (error) => {
          this.waiting.delete(token);
          outcomes[i] = error;
          if (--open === 0) {
            clearTimeout(timer);
            resolve(outcomes);
          }
        });
        item.headers.set('Nats-Msg-Id', item.msgId);
        try {
          nc.publish(item.subject, item.payload, { reply: `${this.prefix}.${token}`, headers: item.headers });
        } catch (e) {
          this.waiting.get(token)?.((e as Error).message);
        }
      });
    });
  }

  private listen(nc: NatsConnection): void {
    if (this.sub && !this.sub.isClosed()) this.sub.unsubscribe();
    this.connection = nc;
    const prefix = (this.prefix = createInbox());
    this.sub = nc.subscribe(`${prefix}.*`, {
      callback: (err, msg) => {
        if (err) {
          for (const settle of [...this.waiting.values()]) settle(err.message);
          return;
        }
        this.waiting.get(msg.subject.slice(prefix.length + 1))?.(ackError(msg));
      },
    });
  }
}

/** null for a PubAck that names its stream; otherwise what went wrong (as js.publish would throw it). */
function ackError(msg: Msg): string | null {
  if (msg.headers?.hasError)
    return msg.headers.code === 503
      ? 'no responders: no JetStream stream takes this subject'
      : `${msg.headers.code} ${msg.headers.description}`;
  const data = msg.data;
  // The usual answer, checked on its bytes: the stream name follows the prefix and is not empty.
  if (
    data.length > ACK_PREFIX.length &&
    data[ACK_PREFIX.length] !== 0x22 &&
    ACK_PREFIX.every((b, i) => data[i] === b)
  )
    return null;
  try {
    const ack = msg.json<{ stream?: string; error?: { code?: number; description?: string } }>();
    if (ack.error) return `${ack.error.code} ${ack.error.description}`;
    return ack.stream ? null : 'invalid PubAck';
  } catch {
    return 'invalid PubAck';
  }
}
