import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { context, Context, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { extractTraceContext, getTracer, injectTraceHeaders, recordError } from './tracing';

interface RequestTrace {
  span: Span;
  ctx: Context;
  ended: boolean;
}

// Keyed by the raw IncomingMessage: Nest hands interceptors the Fastify request, middleware the raw one.
const requestTraces = new WeakMap<object, RequestTrace>();

function rawOf(req: object): object {
  const raw = (req as { raw?: unknown }).raw;
  return typeof raw === 'object' && raw !== null ? raw : req;
}

/** The trace context of the HTTP server span of this request (Fastify or raw request), if traced. */
export function getRequestTraceContext(req: object): Context | undefined {
  return requestTraces.get(rawOf(req))?.ctx;
}

/**
 * HTTP server spans from Fastify hooks, without monkey-patching: onRequest continues the caller's trace
 * (incoming `traceparent`) with a SERVER span named `<METHOD> <route pattern>` and answers with that span's
 * `traceparent`; onResponse records the status and ends it. Register on the Fastify instance before
 * `app.init()`/`listen()`. Pair with the TraceContextInterceptor so handler code runs inside the span.
 */
export function registerHttpTracing(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const parent = extractTraceContext(request.headers);
    const route = routePattern(request);
    const span = getTracer().startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'url.path': request.url.split('?')[0],
          'url.scheme': request.protocol,
          ...(route ? { 'http.route': route } : {}),
          ...(request.headers['user-agent'] ? { 'user_agent.original': request.headers['user-agent'] } : {}),
        },
      },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    requestTraces.set(request.raw, { span, ctx, ended: false });
    const traceparent = injectTraceHeaders(ctx).traceparent;
    if (traceparent) void reply.header('traceparent', traceparent);
    // Hooks and handlers Fastify runs synchronously from here (bodiless requests) already see the span;
    // after an asynchronous body read they do not, which is what the interceptor is for.
    context.with(ctx, done);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const entry = requestTraces.get(request.raw);
    if (entry && !entry.ended) {
      entry.ended = true;
      entry.span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) entry.span.setStatus({ code: SpanStatusCode.ERROR });
      entry.span.end();
    }
    // The entry stays (weakly held) so later onResponse hooks, e.g. request logging, can use the context.
    done();
  });

  fastify.addHook('onRequestAbort', (request, done) => {
    const entry = requestTraces.get(request.raw);
    if (entry && !entry.ended) {
      entry.ended = true;
      entry.span.setStatus({ code: SpanStatusCode.ERROR, message: 'client aborted the request' });
      entry.span.end();
    }
    done();
  });
}

/** The route pattern (`/api/v1/complaints/:id`), never the raw URL; undefined when no route matched. */
export function routePattern(request: FastifyRequest): string | undefined {
  return request.routeOptions?.url;
}

/**
 * Runs the route handler inside the request's server span, so whatever it does (queries, an outbox row
 * capturing `injectTraceHeaders()`, log lines) is a child of, or carries, that span. Register globally:
 * `app.useGlobalInterceptors(new TraceContextInterceptor())`. Non-HTTP contexts pass through untouched.
 */
@Injectable()
export class TraceContextInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const entry = requestTraces.get(rawOf(execution.switchToHttp().getRequest<object>()));
    if (!entry) return next.handle();
    return new Observable((subscriber) =>
      context.with(entry.ctx, () =>
        next.handle().subscribe({
          next: (value) => subscriber.next(value),
          error: (err: unknown) => {
            // 4xx are the client's mistakes, not failures of this service.
            if (!(err instanceof HttpException) || err.getStatus() >= 500) recordError(entry.span, err);
            subscriber.error(err);
          },
          complete: () => subscriber.complete(),
        }),
      ),
    );
  }
}
