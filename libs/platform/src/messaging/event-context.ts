import { Envelope, isServiceName, ServiceName } from '@cx/contracts';
import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import type { InsertRows } from '../database/inline-sql';

export interface DeliveryFacts {
  /** 1 on first delivery. */
  deliveryCount: number;
  streamSequence?: number;
  consumer: string;
  /** True when the handler runs again from the dead-letter admin API. */
  replay: boolean;
}

/** A statement and its parameters ($1, $2, ... as in `em.query`). */
export interface Statement {
  sql: string;
  params?: readonly unknown[];
  /** Set by insertValues(): `sql` is `${head} VALUES ${values} ${tail}`, the rows joinable (ADR 0036). */
  rows?: InsertRows;
}

/** What a handler leaves to the transport: statements for its transaction, callbacks for after its commit. */
export class HandlerEffects {
  readonly writes: Statement[] = [];
  readonly afterCommit: (() => void)[] = [];
}

/** A handler declared `writeOnly` used `ctx.em`: the transport applies the message in a full transaction instead. */
export class WriteOnlyViolation extends Error {
  constructor(readonly subject: string) {
    super(
      `the handler of ${subject} is declared writeOnly but used ctx.em: its batch is applied in a transaction instead (declare it without writeOnly if it always needs one)`,
    );
    this.name = 'WriteOnlyViolation';
  }
}

/**
 * What an event handler gets beside the payload (`@Ctx() ctx: EventContext`): the envelope, and the
 * EntityManager of the transaction that already holds the inbox row. Write through `ctx.em` and
 * publish follow-up events through it, so everything commits (or not) together with the inbox mark.
 *
 * `ctx.write()` queues a statement whose result the handler does not need; it runs in the same
 * transaction after the handler returns. A handler that writes only that way (a projection) is declared
 * `@OnEvent(subject, { writeOnly: true })`, and the transport may then apply a whole batch of its
 * messages, inbox rows included, in one round trip (ADR 0010); such a handler has no `ctx.em`.
 */
export class EventContext extends BaseRpcContext<
  [Envelope, EntityManager | undefined, DeliveryFacts, HandlerEffects]
> {
  get envelope(): Envelope {
    return this.args[0];
  }
  get em(): EntityManager {
    const em = this.args[1];
    if (!em) throw new WriteOnlyViolation(this.args[0].type);
    return em;
  }
  /**
   * The transaction's EntityManager, or undefined on the write-only path (ADR 0010), without the
   * violation `em` raises: for a write-only handler that runs its statements at once when it has a
   * transaction (so a read later in the handler sees them) and queues them with `write()` when not.
   */
  get openTransaction(): EntityManager | undefined {
    return this.args[1];
  }
  get delivery(): DeliveryFacts {
    return this.args[2];
  }
  /** Queues a statement for this message's transaction, run in order after the handler returns; no result. */
  write(sql: string, params?: readonly unknown[]): void;
  /** Queues a statement made by insertValues() (or any Statement), as write(sql, params). */
  write(statement: Statement): void;
  write(sql: string | Statement, params?: readonly unknown[]): void {
    this.args[3].writes.push(typeof sql === 'string' ? { sql, params } : sql);
  }
  /** Runs `fn` once this message's transaction has committed (not if it rolls back). Errors are logged, not thrown. */
  onCommit(fn: () => void): void {
    this.args[3].afterCommit.push(fn);
  }
}

/**
 * The NATS header in which RpcClient names the service that sends a request, as an event's envelope
 * names its `source`. Self-declared, like `source`: who may publish on the bus is NATS's access control.
 */
export const RPC_SOURCE_HEADER = 'Cx-Source';

/** What a request handler gets beside the payload (`@Ctx() ctx: RequestContext`). */
export class RequestContext extends BaseRpcContext<[string, Record<string, string>]> {
  get subject(): string {
    return this.args[0];
  }
  get headers(): Record<string, string> {
    return this.args[1];
  }
  /** The service that asked (RpcClient's `Cx-Source` header), or undefined when it is missing or no known service. */
  get source(): ServiceName | undefined {
    const value = this.args[1][RPC_SOURCE_HEADER];
    return value !== undefined && isServiceName(value) ? value : undefined;
  }
}
