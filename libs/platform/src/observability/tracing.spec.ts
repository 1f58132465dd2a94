import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  currentTraceId,
  extractTraceContext,
  getTracer,
  initTracing,
  injectTraceHeaders,
  TracingHandle,
  withSpan,
} from './tracing';

describe('tracing', () => {
  let exporter: InMemorySpanExporter;
  let tracing: TracingHandle;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    tracing = initTracing({ serviceName: 'test', exporter });
  });
  afterAll(async () => {
    await tracing.shutdown();
  });

  it('has no trace id outside a span', () => {
    expect(currentTraceId()).toBeUndefined();
    expect(injectTraceHeaders()).toEqual({});
  });

  it('propagates the active span across awaits and into child spans', async () => {
    await withSpan('outer', {}, async (outer) => {
      await new Promise((r) => setTimeout(r, 5));
      expect(currentTraceId()).toBe(outer.spanContext().traceId);
      await withSpan('inner', {}, async () => {
        await Promise.resolve();
      });
    });
    const [inner, outer] = exporter.getFinishedSpans();
    expect(outer.name).toBe('outer');
    expect(inner.name).toBe('inner');
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(inner.spanContext().traceId).toBe(outer.spanContext().traceId);
    expect(outer.resource.attributes['service.name']).toBe('test');
  });

  it('injects and extracts W3C traceparent headers', async () => {
    let headers: Record<string, string> = {};
    let traceId = '';
    let spanId = '';
    await withSpan('producer', { kind: SpanKind.PRODUCER }, (span) => {
      headers = injectTraceHeaders();
      traceId = span.spanContext().traceId;
      spanId = span.spanContext().spanId;
      return Promise.resolve();
    });
    expect(headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);

    const parent = extractTraceContext(headers);
    await withSpan('consumer', { kind: SpanKind.CONSUMER, parent }, () => {
      expect(currentTraceId()).toBe(traceId);
      return Promise.resolve();
    });
    const consumer = exporter.getFinishedSpans().find((s) => s.name === 'consumer')!;
    expect(consumer.parentSpanContext?.spanId).toBe(spanId);
    expect(consumer.parentSpanContext?.isRemote).toBe(true);
  });

  it('starts a new trace when the headers carry none, even inside another span', async () => {
    await withSpan('poller', {}, (poller) => {
      const ctx = extractTraceContext(undefined);
      const span = getTracer().startSpan('message', {}, ctx);
      expect(span.spanContext().traceId).not.toBe(poller.spanContext().traceId);
      span.end();
      return Promise.resolve();
    });
  });

  it('records a thrown error on the span and rethrows it', async () => {
    await expect(withSpan('failing', {}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const [span] = exporter.getFinishedSpans();
    expect(span.status.code).toBe(2); // SpanStatusCode.ERROR
    expect(span.events[0].name).toBe('exception');
  });

  it('replaces the provider on a second call', async () => {
    const second = new InMemorySpanExporter();
    tracing = initTracing({ serviceName: 'again', exporter: second });
    getTracer().startSpan('after').end();
    expect(second.getFinishedSpans().map((s) => s.name)).toEqual(['after']);
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    expect(second.getFinishedSpans()[0].resource.attributes['service.name']).toBe('again');
    // context manager is still AsyncLocalStorage after replacement
    const span = getTracer().startSpan('active');
    await context.with(trace.setSpan(context.active(), span), async () => {
      await new Promise((r) => setImmediate(r));
      expect(currentTraceId()).toBe(span.spanContext().traceId);
    });
    span.end();
  });
});
