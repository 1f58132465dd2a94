import { contracts, ContractRegistry, FieldError, isServiceName, ServiceName } from '@cx/contracts';
import { errors as natsErrors, headers as natsHeaders } from '@nats-io/nats-core';
import { context, propagation } from '@opentelemetry/api';
import { RpcCode, RpcError } from '../http/errors';
import { RPC_SOURCE_HEADER } from './event-context';
import { NatsClient } from './nats.connection';

/** A request that got no usable answer: RpcError with the subject (and the other side's code). */
function fail(
  code: RpcCode,
  message: string,
  subject: string,
  remoteCode?: string,
  errors?: FieldError[],
): RpcError {
  const detail = errors?.length
    ? `${message}: ${errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ')}`
    : message;
  return new RpcError(code, detail, { subject, remoteCode });
}

export interface RequestOptions {
  /** Every call has a deadline; default 2 s. */
  timeoutMs?: number;
}

/**
 * Asks another service a question over core NATS request-reply. Validates the request before
 * sending and the reply on arrival, fails fast when nobody listens, and never waits past the deadline.
 * Callers decide the fallback (cached read model, default value) when it throws RpcError.
 */
export class RpcClient {
  constructor(
    private readonly nats: NatsClient,
    private readonly registry: ContractRegistry = contracts,
    /** Named to the answering side in the `Cx-Source` header (its audit says who asked); default: the connection's service. */
    private readonly source: ServiceName | undefined = isServiceName(nats.options.name)
      ? nats.options.name
      : undefined,
  ) {}

  async request<Res = unknown, Req = unknown>(
    subject: string,
    payload: Req,
    opts: RequestOptions = {},
  ): Promise<Res> {
    const entry = this.registry.get(subject);
    if (!entry || entry.kind !== 'request')
      throw fail('INVALID_REQUEST', `${subject} is not a registered request`, subject);
    const valid = this.registry.validatePayload(subject, payload);
    if (!valid.ok)
      throw fail('INVALID_REQUEST', 'request breaks its contract', subject, undefined, valid.errors);

    const h = natsHeaders();
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    for (const [k, v] of Object.entries(carrier)) h.set(k, v);
    if (this.source) h.set(RPC_SOURCE_HEADER, this.source);

    let body: {
      ok?: boolean;
      data?: unknown;
      error?: { code?: string; message?: string; errors?: FieldError[] };
    };
    try {
      const msg = await this.nats.nc.request(this.nats.naming.subject(subject), JSON.stringify(payload), {
        timeout: opts.timeoutMs ?? 2_000,
        headers: h,
      });
      body = msg.json();
    } catch (e) {
      if (e instanceof natsErrors.NoRespondersError)
        throw fail('UNAVAILABLE', `nobody answers ${subject}`, subject);
      if (e instanceof natsErrors.TimeoutError)
        throw fail('TIMEOUT', `${subject} did not answer in time`, subject);
      if (e instanceof natsErrors.RequestError) {
        const cause = (e as Error & { cause?: unknown }).cause;
        if (cause instanceof natsErrors.NoRespondersError)
          throw fail('UNAVAILABLE', `nobody answers ${subject}`, subject);
        if (cause instanceof natsErrors.TimeoutError)
          throw fail('TIMEOUT', `${subject} did not answer in time`, subject);
      }
      if (e instanceof SyntaxError) throw fail('INVALID_REPLY', 'reply is not JSON', subject);
      throw fail('UNAVAILABLE', (e as Error).message, subject);
    }
    if (body?.ok === false) {
      const code = body.error?.code ?? 'REMOTE';
      throw fail(
        code === 'INVALID_REQUEST' ? 'INVALID_REQUEST' : 'REMOTE',
        body.error?.message ?? 'remote error',
        subject,
        code,
        body.error?.errors,
      );
    }
    if (body?.ok !== true) throw fail('INVALID_REPLY', 'reply has no ok flag', subject);
    if (entry.reply) {
      const reply = this.registry.validateReply<Res>(subject, body.data);
      if (!reply.ok)
        throw fail('INVALID_REPLY', 'reply breaks its contract', subject, undefined, reply.errors);
      return reply.value;
    }
    return body.data as Res;
  }
}
