import { EventSubject, PayloadOf, ReplyOf, RequestSubject } from '@cx/contracts';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { EventContext, RequestContext } from './event-context';

/**
 * Binds the handler's parameters as (payload, context), so handlers need no parameter decorators. Not
 * an HTTP operation: kept out of the OpenAPI document (whose components would otherwise list the
 * payload classes, used by no operation); messages are documented in docs/contracts.md.
 */
function bindPayloadAndContext(target: object, key: string | symbol, descriptor: PropertyDescriptor): void {
  Payload()(target, key, 0);
  Ctx()(target, key, 1);
  ApiExcludeEndpoint()(target, key, descriptor);
}

export interface OnEventOptions {
  /**
   * The handler touches the database only through `ctx.write()` (no reads, no `ctx.em`): a projection.
   * The transport may then apply a batch of such messages, their inbox rows and their statements in one
   * round trip (ADR 0010). A handler that uses `ctx.em` anyway still works, through a full transaction.
   */
  writeOnly?: boolean;
}

/** Where @OnEvent leaves its options on Nest's handler (MessageHandler.extras). */
export const WRITE_ONLY_EXTRA = 'cxWriteOnly';

/**
 * Marks a controller method as the handler of an event from a JetStream stream:
 * `@OnEvent(Subjects.crm.customerTierChanged) async onTier(data, ctx) {...}`. The payload type follows
 * from the subject; `ctx.em` is the transaction that already holds the inbox row.
 */
export function OnEvent<S extends EventSubject>(subject: S, options: OnEventOptions = {}) {
  const pattern = EventPattern<string>(subject, { [WRITE_ONLY_EXTRA]: options.writeOnly === true });
  return <M extends (data: PayloadOf<S>, ctx: EventContext) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    bindPayloadAndContext(target, key, descriptor);
    pattern(target, key, descriptor);
  };
}

/** Marks a controller method as the answer to a request (core NATS, queue group per service). */
export function OnRequest<S extends RequestSubject>(subject: S) {
  const pattern = MessagePattern<string>(subject);
  return <M extends (data: PayloadOf<S>, ctx: RequestContext) => ReplyOf<S> | Promise<ReplyOf<S>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    bindPayloadAndContext(target, key, descriptor);
    pattern(target, key, descriptor);
  };
}
