import {
  Attributes,
  context,
  Context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
  Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  SpanExporter,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** The instrumentation scope of every span the platform starts itself. */
export const TRACER_NAME = 'cx-platform';

export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces` in batches. */
  otlpEndpoint?: string;
  /** Exports to this exporter instead (tests: an InMemorySpanExporter, processed synchronously). */
  exporter?: SpanExporter;
  /** With `exporter`: 'simple' exports each span as it ends (tests), 'batch' (default for OTLP) buffers. */
  processor?: 'simple' | 'batch';
  /** Extra resource attributes, e.g. `service.version`, `deployment.environment.name`. */
  resourceAttributes?: Attributes;
}

export interface TracingHandle {
  provider: NodeTracerProvider;
  /** Flushes pending spans and unregisters the provider (call last on shutdown). */
  shutdown(): Promise<void>;
}

let current: TracingHandle | undefined;

/**
 * Registers the process-wide tracer provider: AsyncLocalStorage context, W3C trace-context propagation,
 * and export to OTLP/HTTP or to the given exporter. Without either, spans still get ids (so logs, outbox
 * rows and NATS headers carry a trace id) but go nowhere. A second call replaces the first (tests).
 */
export function initTracing(options: TracingOptions): TracingHandle {
  if (current) {
    const previous = current;
    current = undefined;
    // Spans of the previous provider are flushed in the background; a failing exporter must not stop a restart.
    previous.shutdown().catch(() => undefined);
  }
  // The API refuses to replace a registered global; unregister first so the new one takes effect.
  trace.disable();
  context.disable();
  propagation.disable();

  const spanProcessors: SpanProcessor[] = [];
  if (options.exporter) {
    spanProcessors.push(
      options.processor === 'batch'
        ? new BatchSpanProcessor(options.exporter)
        : new SimpleSpanProcessor(options.exporter),
    );
  } else if (options.otlpEndpoint) {
    spanProcessors.push(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(options.otlpEndpoint) })),
    );
  }

  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ 'service.name': options.serviceName, ...(options.resourceAttributes ?? {}) }),
    ),
    spanProcessors,
  });
  // contextManager undefined = the default AsyncLocalStorageContextManager.
  provider.register({ propagator: new W3CTraceContextPropagator() });

  const handle: TracingHandle = {
    provider,
    async shutdown() {
      try {
        await provider.shutdown();
      } finally {
        if (current === handle) {
          current = undefined;
          trace.disable();
          context.disable();
          propagation.disable();
        }
      }
    },
  };
  current = handle;
  return handle;
}

function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

export function getTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** The W3C headers (traceparent, and tracestate when present) for the given context: for outbox rows and NATS. */
export function injectTraceHeaders(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/**
 * The context described by incoming headers (HTTP or NATS, lower-case names). Starts from the root
 * context by default: a message or request begins its own unit of work, not the poller's.
 */
export function extractTraceContext(
  headers: Record<string, string | string[] | undefined> | undefined,
  base: Context = ROOT_CONTEXT,
): Context {
  return propagation.extract(base, headers ?? {});
}

export function currentTraceId(): string | undefined {
  const sc = trace.getSpanContext(context.active());
  return sc && isSpanContextValid(sc) ? sc.traceId : undefined;
}

export function currentSpanId(): string | undefined {
  const sc = trace.getSpanContext(context.active());
  return sc && isSpanContextValid(sc) ? sc.spanId : undefined;
}

export interface WithSpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context; defaults to the active one. */
  parent?: Context;
}

/**
 * Runs `work` in a new active span, records a thrown error on it, and ends it. For NATS consumers,
 * relays and scheduled jobs: `withSpan('process evt.crm...', { kind: SpanKind.CONSUMER, parent }, ...)`.
 */
export async function withSpan<T>(
  name: string,
  options: WithSpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = getTracer().startSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (err) {
    recordError(span, err);
    throw err;
  } finally {
    span.end();
  }
}

export function recordError(span: Span, err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
}
