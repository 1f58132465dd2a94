import {
  ArgumentsHost,
  InternalServerErrorException,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { DomainError, RequestValidationError, RPC_ERROR_CODES, RPC_ERROR_STATUS, RpcError } from './errors';
import { toProblem } from './problem';
import { currentCorrelationId, ProblemDetailsFilter } from './problem.filter';

// The pattern every module follows: a code union, an exhaustive code -> status map, one class.
type ComplaintErrorCode =
  'COMPLAINT_NOT_FOUND' | 'COMPLAINT_ALREADY_CLOSED' | 'COMPLAINT_REOPEN_WINDOW_PASSED';
const STATUS: Record<ComplaintErrorCode, number> = {
  COMPLAINT_NOT_FOUND: 404,
  COMPLAINT_ALREADY_CLOSED: 409,
  COMPLAINT_REOPEN_WINDOW_PASSED: 422,
};
class ComplaintError extends DomainError<ComplaintErrorCode> {
  constructor(code: ComplaintErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }
}

const ctx = { instance: '/api/v1/complaints/c-1', correlationId: () => 'corr-1' };

describe('DomainError', () => {
  it('carries code, status from the module map, message and details', () => {
    const error = new ComplaintError('COMPLAINT_ALREADY_CLOSED', 'Complaint c-1 is closed', {
      complaintId: 'c-1',
    });
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ComplaintError');
    expect(error.code).toBe('COMPLAINT_ALREADY_CLOSED');
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ complaintId: 'c-1' });
  });

  it('becomes a problem with its status, code, a type URI, a readable title and details', () => {
    const { problem, log } = toProblem(
      new ComplaintError('COMPLAINT_NOT_FOUND', 'No complaint c-1', { complaintId: 'c-1' }),
      ctx,
    );
    expect(problem).toEqual({
      type: 'https://cx-platform.dev/problems/complaint-not-found',
      title: 'Complaint not found',
      status: 404,
      detail: 'No complaint c-1',
      instance: '/api/v1/complaints/c-1',
      code: 'COMPLAINT_NOT_FOUND',
      details: { complaintId: 'c-1' },
    });
    expect(log).toBeUndefined();
  });
});

describe('RpcError', () => {
  it.each([
    ['TIMEOUT', 503],
    ['UNAVAILABLE', 503],
    ['INVALID_REPLY', 502],
    ['REMOTE', 502],
    ['INVALID_REQUEST', 400],
  ] as const)('%s maps to %i without passing the internal message on', (code, status) => {
    const error = new RpcError(code, 'rpc.crm.customer-tier.v1 failed on nats://10.0.0.7', {
      remoteCode: 'X',
      subject: 'rpc.crm.customer-tier.v1',
    });
    expect(error.status).toBe(status);
    const { problem, log } = toProblem(error, ctx);
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(`RPC_${code}`);
    expect(JSON.stringify(problem)).not.toContain('10.0.0.7');
    expect(JSON.stringify(problem)).not.toContain('rpc.crm');
    expect(log?.message).toContain('rpc.crm.customer-tier.v1');
    if (status >= 500) expect(problem.correlationId).toBe('corr-1');
  });

  it('every code has a status', () => {
    for (const code of RPC_ERROR_CODES) expect(RPC_ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
  });

  it('accepts the remote code as a plain third argument', () => {
    expect(new RpcError('REMOTE', 'x', 'CUSTOMER_NOT_FOUND').remoteCode).toBe('CUSTOMER_NOT_FOUND');
  });
});

describe('toProblem', () => {
  it('keeps field errors of RequestValidationError', () => {
    const { problem } = toProblem(RequestValidationError.field('cursor', 'bad'), ctx);
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors).toEqual([{ field: 'cursor', messages: ['bad'] }]);
  });

  it('maps a Nest HttpException to its status with a status code', () => {
    const { problem, headers } = toProblem(new NotFoundException('No such thing'), ctx);
    expect(problem).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      title: 'Not Found',
      detail: 'No such thing',
    });
    expect(problem.type).toBe('https://cx-platform.dev/problems/not-found');
    expect(headers).toEqual({});
  });

  it('adds the Bearer challenge to any 401', () => {
    const { problem, headers } = toProblem(new UnauthorizedException(), ctx);
    expect(problem.status).toBe(401);
    expect(headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
  });

  it('hides unknown errors and logs them with the stack', () => {
    const { problem, log } = toProblem(
      new TypeError('cannot read x of undefined in /srv/app/secret.ts'),
      ctx,
    );
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', correlationId: 'corr-1' });
    expect(JSON.stringify(problem)).not.toContain('secret.ts');
    expect(log?.level).toBe('error');
    expect(log?.stack).toContain('secret.ts');
  });

  it('never shows the message of a 500 HttpException', () => {
    const { problem, log } = toProblem(new InternalServerErrorException('pool exhausted at 10.0.0.3'), ctx);
    expect(problem).toMatchObject({ status: 500, correlationId: 'corr-1' });
    expect(JSON.stringify(problem)).not.toContain('10.0.0.3');
    expect(log?.message).toContain('10.0.0.3');
  });

  it('turns thrown non-errors into a 500 too', () => {
    expect(toProblem('a string', ctx).problem.status).toBe(500);
  });
});

describe('ProblemDetailsFilter', () => {
  it('rethrows outside HTTP contexts', () => {
    const error = new Error('in a NATS handler');
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    expect(() => new ProblemDetailsFilter().catch(error, host)).toThrow(error);
  });
});

describe('currentCorrelationId', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => {
    manager.disable();
    context.disable();
  });

  it('is the active trace id when a span is active', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const span = trace.wrapSpanContext({ traceId, spanId: '00f067aa0ba902b7', traceFlags: 1 });
    expect(context.with(trace.setSpan(context.active(), span), () => currentCorrelationId())).toBe(traceId);
  });

  it('is a fresh random id otherwise', () => {
    const a = currentCorrelationId();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(currentCorrelationId()).not.toBe(a);
  });
});

describe('a database that is away', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [new Error('timeout exceeded when trying to connect')],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
  ])('answers 503 DATABASE_UNAVAILABLE, not 500, without the driver message (%s)', (error) => {
    const { problem, log } = toProblem(error, ctx);
    expect(problem).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(JSON.stringify(problem)).not.toContain('127.0.0.1');
    expect(log?.level).toBe('warn');
  });

  it('leaves a data error of a statement a 500 (a bug)', () => {
    const error = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' });
    expect(toProblem(error, ctx).problem.status).toBe(500);
  });
});
