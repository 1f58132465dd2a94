import { randomUUID } from 'node:crypto';
import { SHARED_NATS_URL, uniqueNamespace, waitFor } from '@cx/testing';
import { context, SpanContext, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Registry } from 'prom-client';
import { getTracer, initTracing, TracingHandle } from '../src/observability/tracing';
import {
  behaviour,
  Consumer,
  countsIn,
  deleteNamespaceStreams,
  HandlerStyle,
  preparePipelineDatabases,
  PipelineDatabases,
  Producer,
  TEST_EVENT,
} from './support/pipeline';

/** Sum of a metric's samples whose labels include `labels` (one consumer's, one outcome's). */
async function metricSum(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return (metric?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
    .reduce((sum, v) => sum + v.value, 0);
}

// The consumer makes its span only when a tracer provider is registered (ADR 0050); with one, the handler
// runs in it, a child of the producer's span, whichever way its batch is applied. Metrics count the same
// either way.
describe.each<HandlerStyle>(['em', 'writeOnly'])('consumer spans and metrics, %s handler', (style) => {
  let dbs: PipelineDatabases;
  let producer: Producer;
  let consumer: Consumer;
  let registry: Registry;
  let ns: string;
  let tracing: TracingHandle | undefined;
  const seen = new Map<string, SpanContext | undefined>();

  beforeEach(async () => {
    ns = uniqueNamespace();
    dbs = await preparePipelineDatabases();
    producer = await Producer.start({ dbUrl: dbs.producerUrl, natsUrl: SHARED_NATS_URL, namespace: ns });
    ({ consumer, registry } = await Consumer.startWithMetrics({
      dbUrl: dbs.consumerUrl,
      natsUrl: SHARED_NATS_URL,
      namespace: ns,
      handler: style,
    }));
    seen.clear();
    behaviour.onHandle = (orderId) => seen.set(orderId, trace.getSpanContext(context.active()));
  });

  afterEach(async () => {
    behaviour.onHandle = undefined;
    await tracing?.shutdown();
    tracing = undefined;
    await consumer?.close();
    await producer?.close();
    await deleteNamespaceStreams(SHARED_NATS_URL, ns);
    await dbs?.drop();
  });

  it("with a tracer provider: the handler runs in a consumer span that continues the producer's trace", async () => {
    const exporter = new InMemorySpanExporter();
    tracing = initTracing({ serviceName: 'tracing-test', exporter });
    const produced = await getTracer().startActiveSpan('produce', async (span) => {
      const customer = randomUUID();
      await producer.commit([
        [customer, 'o-traced-1'],
        [customer, 'o-traced-2'],
      ]);
      span.end();
      return span.spanContext();
    });
    await waitFor(async () => (await countsIn(dbs.consumerUrl)).applied === 2, 15_000);

    const spans = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CONSUMER);
    expect(spans).toHaveLength(2);
    for (const orderId of ['o-traced-1', 'o-traced-2']) {
      const inHandler = seen.get(orderId);
      const span = spans.find((s) => s.spanContext().spanId === inHandler?.spanId);
      expect(span).toBeDefined();
      expect(span!.name).toBe(`${TEST_EVENT} process`);
      expect(span!.spanContext().traceId).toBe(produced.traceId);
      expect(span!.parentSpanContext?.spanId).toBe(produced.spanId);
      expect(span!.attributes).toMatchObject({
        'messaging.system': 'nats',
        'messaging.destination.name': TEST_EVENT,
        'messaging.consumer.group.name': consumer.server.durableName('crm'),
      });
      expect(span!.attributes['messaging.message.id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await metricSum(registry, 'consumer_messages_total', { outcome: 'applied' })).toBe(2);
  });

  it('without a tracer provider: no span around the handler, every message applied and counted', async () => {
    const [one, other] = [randomUUID(), randomUUID()];
    await producer.commit([
      [one, 'o-plain-1'],
      [one, 'o-plain-2'],
      [other, 'o-plain-3'],
    ]);
    await waitFor(async () => (await countsIn(dbs.consumerUrl)).applied === 3, 15_000);

    expect([...seen.keys()].sort()).toEqual(['o-plain-1', 'o-plain-2', 'o-plain-3']);
    for (const spanContext of seen.values()) expect(spanContext).toBeUndefined();
    const consumerName = consumer.server.durableName('crm');
    expect(
      await metricSum(registry, 'consumer_messages_total', {
        consumer: consumerName,
        subject: TEST_EVENT,
        outcome: 'applied',
      }),
    ).toBe(3);
    const delays = (await registry.getMetricsAsJSON()).find((m) => m.name === 'consumer_event_delay_seconds');
    const delayCount = delays?.values.find(
      (v) => (v as { metricName?: string }).metricName === 'consumer_event_delay_seconds_count',
    );
    expect(delayCount?.value).toBe(3);
    expect(delayCount?.labels.consumer).toBe(consumerName);
  });
});
