import type { LoggerService, LogLevel } from '@nestjs/common';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import pino, { DestinationStream, Level, Logger } from 'pino';
import { getRequestTraceContext, routePattern } from './http-tracing';

export interface CreateLoggerOptions {
  /** fatal | error | warn | info | debug | trace | silent (LOG_LEVEL). */
  level: string;
  serviceName: string;
  /** Where lines go; stdout by default (tests pass a stream to read them back). */
  destination?: DestinationStream;
}

/** Fields never written as they are, wherever they appear one level deep. */
export const REDACTED_PATHS = [
  'authorization',
  'password',
  'token',
  '*.authorization',
  '*.password',
  '*.token',
  'headers.cookie',
  '*.headers.cookie',
  '*.headers.authorization',
];

/**
 * JSON lines on stdout: `{"level":"info","time":"…","service":"complaints","pid":…,"hostname":…,
 * "trace_id":"…","span_id":"…","context":"ComplaintService","msg":"…"}`. trace_id/span_id are those of
 * the active span, so a line can be found from a trace and the other way round.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.serviceName, pid: process.pid, hostname: hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const sc = trace.getSpanContext(context.active());
        return sc && isSpanContextValid(sc) ? { trace_id: sc.traceId, span_id: sc.spanId } : {};
      },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

const NEST_TO_PINO: Record<LogLevel, Level> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};
const PINO_ORDER: Level[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];

const isString = (v: unknown): v is string => typeof v === 'string';
const isStack = (v: unknown): v is string => isString(v) && /\n[ \t]+at .+:\d+:\d+/.test(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Nest's LoggerService on pino: `app.useLogger(new PinoNestLogger(logger))` (or pass it to
 * `NestFactory.create(..., { logger, bufferLogs: true })`). Nest's context becomes the `context` field,
 * an Error or a stack becomes `err`, plain-object parameters are merged into the line.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params, false);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params, false);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params, false);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params, false);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /** Nest passes the levels it wants; pino has one threshold, so the most verbose of them wins. */
  setLogLevels(levels: LogLevel[]): void {
    const wanted = levels
      .map((l) => NEST_TO_PINO[l])
      .sort((a, b) => PINO_ORDER.indexOf(a) - PINO_ORDER.indexOf(b));
    this.pino.level = wanted[0] ?? 'silent';
  }

  private write(level: Level, message: unknown, params: unknown[], mayHaveStack: boolean): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const args = [...params];
    const fields: Record<string, unknown> = {};

    // Nest's Logger appends its context as the last string; error() may carry a stack before it.
    if (mayHaveStack && args.length === 1 && (isStack(args[0]) || args[0] === undefined)) {
      if (args[0] !== undefined) fields.stack = args[0];
      args.pop();
    } else if (args.length > 0 && isString(args[args.length - 1])) {
      fields.context = args.pop();
      if (
        mayHaveStack &&
        args.length > 0 &&
        (isStack(args[args.length - 1]) || args[args.length - 1] === undefined)
      ) {
        const stack = args.pop();
        if (stack !== undefined) fields.stack = stack;
      }
    }
    const extra: unknown[] = [];
    for (const p of args) {
      if (isPlainObject(p)) Object.assign(fields, p);
      else if (p instanceof Error) fields.err = p;
      else if (p !== undefined) extra.push(p);
    }
    if (extra.length > 0) fields.params = extra;

    let msg: string;
    if (message instanceof Error) {
      fields.err = message;
      msg = message.message;
    } else if (isPlainObject(message)) {
      Object.assign(fields, message);
      msg = isString(message.msg) ? message.msg : isString(message.message) ? message.message : '';
    } else {
      msg = isString(message) ? message : String(message);
    }
    this.pino[level](fields, msg);
  }
}

/**
 * One `request completed` line per response (method, route pattern, status, duration), at debug for the
 * probe and metrics endpoints so they do not drown the rest. Optional: metrics and traces already
 * cover requests; turn it on where access logs are wanted.
 */
export function registerRequestLogging(
  fastify: FastifyInstance,
  logger: Logger,
  quietPaths: string[] = ['/health/live', '/health/ready', '/metrics'],
): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const path = request.url.split('?')[0];
    const level: Level = quietPaths.includes(path) ? 'debug' : reply.statusCode >= 500 ? 'error' : 'info';
    const fields = {
      context: 'http',
      method: request.method,
      route: routePattern(request),
      status_code: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    // onResponse runs outside the request's async context: re-enter its span so the line carries trace_id.
    context.with(getRequestTraceContext(request) ?? context.active(), () =>
      logger[level](fields, 'request completed'),
    );
    done();
  });
}
