import { Envelope } from '@cx/contracts';
import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

export interface DeliveryFacts {
  /** 1 on first delivery. */
  deliveryCount: number;
  streamSequence?: number;
  consumer: string;
  /** True when the handler runs again from the dead-letter admin API. */
  replay: boolean;
}

/**
 * What an event handler gets beside the payload (`@Ctx() ctx: EventContext`): the envelope, and the
 * EntityManager of the transaction that already holds the inbox row. Write through `ctx.em` and
 * publish follow-up events through it, so everything commits (or not) together with the inbox mark.
 */
export class EventContext extends BaseRpcContext<[Envelope, EntityManager, DeliveryFacts]> {
  get envelope(): Envelope {
    return this.args[0];
  }
  get em(): EntityManager {
    return this.args[1];
  }
  get delivery(): DeliveryFacts {
    return this.args[2];
  }
}

/** What a request handler gets beside the payload (`@Ctx() ctx: RequestContext`). */
export class RequestContext extends BaseRpcContext<[string, Record<string, string>]> {
  get subject(): string {
    return this.args[0];
  }
  get headers(): Record<string, string> {
    return this.args[1];
  }
}
