import { Controller, Get, Res, SetMetadata } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity } from '@nestjs/swagger';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { routePattern } from './http-tracing';

/**
 * Metadata key marking a route as reachable without a token. The auth guard honours it; `@Public()`
 * in the auth module sets the same key.
 */
export const PUBLIC_ROUTE = 'cx:public';

export const HTTP_DURATION_METRIC = 'http_server_request_duration_seconds';
/** 5 ms .. 5 s: our latency objectives sit in the middle of this range. */
export const HTTP_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Route label of requests no route matched (404s), so scanners cannot blow up the label set. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * One registry per app (not prom-client's global one, so tests and several apps in one process do not
 * collide), with Node's default metrics and `service` on every series.
 */
export function createMetricsRegistry(serviceName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Records every response in `http_server_request_duration_seconds{method, route, status_code}`.
 * `route` is the pattern (`/api/v1/complaints/:id`), never the raw URL. Register before `app.init()`.
 */
export function registerHttpMetrics(
  fastify: FastifyInstance,
  registry: Registry,
): Histogram<'method' | 'route' | 'status_code'> {
  const histogram =
    (registry.getSingleMetric(HTTP_DURATION_METRIC) as
      Histogram<'method' | 'route' | 'status_code'> | undefined) ??
    new Histogram({
      name: HTTP_DURATION_METRIC,
      help: 'Duration of HTTP requests served, from receipt to the end of the response, in seconds',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: HTTP_DURATION_BUCKETS,
      registers: [registry],
    });
  fastify.addHook('onResponse', (request, reply, done) => {
    histogram.observe(
      {
        method: request.method,
        route: routePattern(request) ?? UNMATCHED_ROUTE,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
  return histogram;
}

/** `GET /metrics` in Prometheus text format. Public: keep the port off the internet-facing ingress. */
@Controller('metrics')
@SetMetadata(PUBLIC_ROUTE, true)
@ApiSecurity({}) // documented as needing no token, as @Public() does
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @SetMetadata(PUBLIC_ROUTE, true)
  @ApiOperation({ summary: 'Prometheus metrics of this process, in the text exposition format' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: 'http_requests_total{route="/api/v1/complaints"} 3' } })
  async metrics(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.registry.metrics();
    void reply
      .header('content-type', this.registry.contentType)
      .header('cache-control', 'no-store')
      .send(body);
  }
}
