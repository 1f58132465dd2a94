import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** The active trace id when tracing is on (so logs and traces line up), else a fresh random id. */
export function currentCorrelationId(): string {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : randomUUID().replace(/-/g, '');
}

/**
 * The one global exception filter for HTTP: every error becomes an RFC 9457
 * `application/problem+json` answer. Other contexts (NATS handlers) are not its business: it
 * rethrows so their own error handling sees the original error.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;

    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = (request.url ?? '/').split('?')[0];

    const { problem, headers, log } = toProblem(exception, {
      instance: path,
      correlationId: currentCorrelationId,
    });
    if (log) {
      const message = `${request.method} ${path} -> ${problem.status}${problem.correlationId ? ` [${problem.correlationId}]` : ''}: ${log.message}`;
      if (log.level === 'error') this.logger.error(message, log.stack);
      else this.logger.warn(message);
    }

    if (reply.sent || reply.raw.headersSent) return;
    void reply
      .status(problem.status)
      .headers({ ...headers, 'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8` })
      .send(problem);
  }
}
