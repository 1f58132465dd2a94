import { Logger } from '@nestjs/common';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { Writable } from 'node:stream';
import { createLogger, PinoNestLogger } from './logger';
import { initTracing, TracingHandle, withSpan } from './tracing';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      cb();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  let tracing: TracingHandle;
  beforeAll(() => {
    tracing = initTracing({ serviceName: 'test', exporter: new InMemorySpanExporter() });
  });
  afterAll(() => tracing.shutdown());

  it('writes JSON lines with service, level label, ISO time, and the active trace and span ids', async () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', serviceName: 'crm', destination });
    log.info('outside');
    let ids = { traceId: '', spanId: '' };
    await withSpan('work', {}, async (span) => {
      ids = span.spanContext();
      await new Promise((r) => setTimeout(r, 1));
      log.info({ customerId: 'c1' }, 'inside');
    });
    expect(lines[0]).toMatchObject({ level: 'info', service: 'crm', msg: 'outside' });
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[1]).toMatchObject({
      msg: 'inside',
      customerId: 'c1',
      trace_id: ids.traceId,
      span_id: ids.spanId,
    });
    expect(new Date(lines[1].time as string).toISOString()).toBe(lines[1].time);
  });

  it('redacts credentials', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', serviceName: 'crm', destination }).info(
      { headers: { authorization: 'Bearer abc' }, password: 'p' },
      'login',
    );
    expect(lines[0]).toMatchObject({ headers: { authorization: '[redacted]' }, password: '[redacted]' });
  });
});

describe('PinoNestLogger', () => {
  const setup = (level = 'trace') => {
    const { lines, destination } = capture();
    const nest = new PinoNestLogger(createLogger({ level, serviceName: 'svc', destination }));
    return { lines, nest };
  };

  it('maps Nest levels and puts the context in its own field', () => {
    const { lines, nest } = setup();
    nest.log('started', 'Bootstrap');
    nest.warn('careful', 'Relay');
    nest.debug('details', 'Relay');
    nest.verbose('chatter', 'Relay');
    nest.fatal('dead', 'Main');
    expect(lines.map((l) => [l.level, l.msg, l.context])).toEqual([
      ['info', 'started', 'Bootstrap'],
      ['warn', 'careful', 'Relay'],
      ['debug', 'details', 'Relay'],
      ['trace', 'chatter', 'Relay'],
      ['fatal', 'dead', 'Main'],
    ]);
  });

  it('understands error(message, stack, context) as Nest calls it, and Error objects', () => {
    const { lines, nest } = setup();
    const err = new Error('db down');
    nest.error('query failed', err.stack, 'Repo');
    nest.error('no stack', undefined, 'Repo');
    nest.error(err);
    nest.error('only context', 'Repo');
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'query failed', context: 'Repo' });
    expect(lines[0].stack).toContain('at ');
    expect(lines[1]).toMatchObject({ msg: 'no stack', context: 'Repo' });
    expect(lines[1]).not.toHaveProperty('stack');
    expect(lines[2]).toMatchObject({ msg: 'db down', err: { message: 'db down', type: 'Error' } });
    expect(lines[3]).toMatchObject({ msg: 'only context', context: 'Repo' });
  });

  it('merges plain-object parameters and messages into the line', () => {
    const { lines, nest } = setup();
    nest.log('published', { subject: 'evt.crm.x.v1', count: 3 }, 'Outbox');
    nest.log({ msg: 'structured', lag: 5 }, 'Consumer');
    expect(lines[0]).toMatchObject({
      msg: 'published',
      subject: 'evt.crm.x.v1',
      count: 3,
      context: 'Outbox',
    });
    expect(lines[1]).toMatchObject({ msg: 'structured', lag: 5, context: 'Consumer' });
  });

  it('serves as the app logger behind Nest Logger instances, honouring the level', () => {
    const { lines, nest } = setup('info');
    Logger.overrideLogger(nest);
    try {
      new Logger('Feature').log('through nest');
      new Logger('Feature').debug('hidden at info');
    } finally {
      Logger.overrideLogger(true);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'through nest', context: 'Feature' });
  });

  it('setLogLevels keeps the most verbose level Nest asks for', () => {
    const { nest } = setup('info');
    nest.setLogLevels(['error', 'warn', 'log', 'debug']);
    expect(nest.pino.level).toBe('debug');
    nest.setLogLevels(['error']);
    expect(nest.pino.level).toBe('error');
  });
});
