import { EventSubject, PayloadOf, ReplyOf, RequestSubject } from '@cx/contracts';
import { EventPattern, MessagePattern } from '@nestjs/microservices';
import { EventContext, RequestContext } from './event-context';

/**
 * Marks a controller method as the handler of an event from a JetStream stream. The payload type
 * follows from the subject, so a handler cannot silently expect the wrong shape.
 */
export function OnEvent<S extends EventSubject>(subject: S) {
  return EventPattern<string>(subject) as <M extends (data: PayloadOf<S>, ctx: EventContext) => unknown>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ) => void;
}

/** Marks a controller method as the answer to a request (core NATS, queue group per service). */
export function OnRequest<S extends RequestSubject>(subject: S) {
  return MessagePattern<string>(subject) as <
    M extends (data: PayloadOf<S>, ctx: RequestContext) => ReplyOf<S> | Promise<ReplyOf<S>>,
  >(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ) => void;
}
