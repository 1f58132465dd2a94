import { contracts, ContractRegistry, FieldError } from '@cx/contracts';
import { errors as natsErrors, headers as natsHeaders } from '@nats-io/nats-core';
import { context, propagation } from '@opentelemetry/api';
import { NatsClient } from './nats.connection';

export type RpcErrorCode = 'TIMEOUT' | 'UNAVAILABLE' | 'INVALID_REQUEST' | 'INVALID_REPLY' | 'REMOTE';

/** A request that got no usable answer. `remoteCode` carries the other side's error code. */
export class RpcFailure extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly subject: string,
    readonly remoteCode?: string,
    readonly errors?: FieldError[],
  ) {
    super(message);
    this.name = 'RpcFailure';
  }
}

export interface RequestOptions {
  /** Every call has a deadline; default 2 s. */
  timeoutMs?: number;
}

/**
 * Asks another service a question over core NATS request-reply. Validates the request before
 * sending and the reply on arrival, fails fast when nobody listens, and never waits past the deadline.
 * Callers decide the fallback (cached read model, default value) when it throws RpcFailure.
 */
export class RpcClient {
  constructor(
    private readonly nats: NatsClient,
    private readonly registry: ContractRegistry = contracts,
  ) {}

  async request<Res = unknown, Req = unknown>(subject: string, payload: Req, opts: RequestOptions = {}): Promise<Res> {
    const entry = this.registry.get(subject);
    if (!entry || entry.kind !== 'request') throw new RpcFailure('INVALID_REQUEST', `${subject} is not a registered request`, subject);
    const valid = this.registry.validatePayload(subject, payload);
    if (!valid.ok) throw new RpcFailure('INVALID_REQUEST', 'request breaks its contract', subject, undefined, valid.errors);

    const h = natsHeaders();
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    for (const [k, v] of Object.entries(carrier)) h.set(k, v);

    let body: { ok?: boolean; data?: unknown; error?: { code?: string; message?: string; errors?: FieldError[] } };
    try {
      const msg = await this.nats.nc.request(this.nats.naming.subject(subject), JSON.stringify(payload), {
        timeout: opts.timeoutMs ?? 2_000,
        headers: h,
      });
      body = msg.json();
    } catch (e) {
      if (e instanceof natsErrors.NoRespondersError) throw new RpcFailure('UNAVAILABLE', `nobody answers ${subject}`, subject);
      if (e instanceof natsErrors.TimeoutError) throw new RpcFailure('TIMEOUT', `${subject} did not answer in time`, subject);
      if (e instanceof natsErrors.RequestError) {
        const cause = (e as Error & { cause?: unknown }).cause;
        if (cause instanceof natsErrors.NoRespondersError) throw new RpcFailure('UNAVAILABLE', `nobody answers ${subject}`, subject);
        if (cause instanceof natsErrors.TimeoutError) throw new RpcFailure('TIMEOUT', `${subject} did not answer in time`, subject);
      }
      if (e instanceof SyntaxError) throw new RpcFailure('INVALID_REPLY', 'reply is not JSON', subject);
      throw new RpcFailure('UNAVAILABLE', (e as Error).message, subject);
    }
    if (body?.ok === false) {
      const code = body.error?.code ?? 'REMOTE';
      throw new RpcFailure(code === 'INVALID_REQUEST' ? 'INVALID_REQUEST' : 'REMOTE', body.error?.message ?? 'remote error', subject, code, body.error?.errors);
    }
    if (body?.ok !== true) throw new RpcFailure('INVALID_REPLY', 'reply has no ok flag', subject);
    if (entry.reply) {
      const reply = this.registry.validateReply<Res>(subject, body.data);
      if (!reply.ok) throw new RpcFailure('INVALID_REPLY', 'reply breaks its contract', subject, undefined, reply.errors);
      return reply.value;
    }
    return body.data as Res;
  }
}
