import { Body, Controller, Get, HttpCode, Logger, Module, Post, Query, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import {
  getMetadataStorage,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Min,
  ValidateNested,
} from 'class-validator';
import { DomainError, RpcError } from './errors';
import { IdempotencyKey } from './idempotency';
import { ApiProblem, setupOpenApi } from './openapi';
import { ApiPageResponse, CursorPageQuery, decodeCursor, encodeCursor, Page, toPage } from './pagination';
import { ProblemDetails } from './problem';
import { ProblemDetailsFilter } from './problem.filter';
import { createValidationPipe } from './validation';

class OrderLineDto {
  @IsString() sku!: string;
  @IsInt() @Min(1) qty!: number;
}

class CreateOrderDto {
  @IsString() @IsNotEmpty() customerId!: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => OrderLineDto) lines!: OrderLineDto[];
}

class OrderView {
  id!: string;
}

type OrderErrorCode = 'ORDER_NOT_FOUND' | 'ORDER_CLOSED';
const STATUS: Record<OrderErrorCode, number> = { ORDER_NOT_FOUND: 404, ORDER_CLOSED: 409 };
class OrderError extends DomainError<OrderErrorCode> {
  constructor(code: OrderErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }
}

const isPosition = (p: Record<string, unknown>): p is { after: string } => typeof p.after === 'string';

@Controller('orders')
class OrdersController {
  @Post()
  @ApiProblem(400, 'Invalid order')
  create(@Body() dto: CreateOrderDto, @IdempotencyKey() key: string | undefined) {
    return {
      customerId: dto.customerId,
      lines: dto.lines.length,
      key: key ?? null,
      isDto: dto instanceof CreateOrderDto,
    };
  }

  @Get()
  @ApiPageResponse(OrderView)
  list(@Query() query: CursorPageQuery): Page<OrderView> & { limit: number } {
    const after = decodeCursor(query.cursor, isPosition)?.after ?? '';
    const all = ['o1', 'o2', 'o3', 'o4', 'o5'].filter((id) => id > after).map((id) => ({ id }));
    return {
      ...toPage(all.slice(0, query.limit + 1), query.limit, (last) => ({ after: last.id })),
      limit: query.limit,
    };
  }

  @Get('missing')
  missing() {
    throw new OrderError('ORDER_NOT_FOUND', 'Order o-9 does not exist', { orderId: 'o-9' });
  }

  @Post('close')
  @HttpCode(200)
  close() {
    throw new OrderError('ORDER_CLOSED', 'Order o-1 is closed');
  }

  @Get('boom')
  boom() {
    throw new Error('connect ECONNREFUSED 10.1.2.3:5432 password=hunter2');
  }

  @Get('rpc')
  rpc() {
    throw new RpcError('TIMEOUT', 'rpc.crm.customer-tier.v1 timed out after 2000 ms');
  }
}

@Module({ controllers: [OrdersController] })
class HttpTestModule {}

describe('HTTP platform (Fastify app)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(HttpTestModule, new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter());
    setupOpenApi(app, { title: 'Orders', version: '1.0.0', description: 'test' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  afterEach(() => jest.restoreAllMocks());

  const inject = (opts: {
    method: 'GET' | 'POST';
    url: string;
    payload?: string | object;
    headers?: Record<string, string>;
  }) => app.getHttpAdapter().getInstance().inject(opts);

  function problemOf(res: {
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
  }): ProblemDetails {
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    return JSON.parse(res.body) as ProblemDetails;
  }

  const fields = (p: ProblemDetails) =>
    Object.fromEntries((p.errors ?? []).map((e) => [e.field, e.messages]));

  describe('validation', () => {
    it('accepts a valid body and hands the handler a DTO instance', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: { customerId: 'c-1', lines: [{ sku: 'A', qty: 2 }] },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ customerId: 'c-1', lines: 1, key: null, isDto: true });
    });

    it('checks a valid body without class-validator, and hands it every other one (ADR 29)', async () => {
      const classValidator = jest.spyOn(
        ValidationPipe.prototype as unknown as { validate: () => unknown },
        'validate',
      );
      try {
        const ok = { customerId: 'c-1', lines: [{ sku: 'A', qty: 2 }] };
        expect((await inject({ method: 'POST', url: '/orders', payload: ok })).statusCode).toBe(201);
        expect(classValidator).not.toHaveBeenCalled();
        const unknown = { ...ok, lines: [{ sku: 'A', qty: 2, colour: 'red' }] };
        expect((await inject({ method: 'POST', url: '/orders', payload: unknown })).statusCode).toBe(400);
        expect(classValidator).toHaveBeenCalledTimes(1);
      } finally {
        classValidator.mockRestore();
      }
    });

    it("looks up a class's rules for nested binary values once, not per body", async () => {
      const lookups = jest.spyOn(getMetadataStorage(), 'getTargetValidationMetadatas');
      try {
        const ok = { customerId: 'c-1', lines: [{ sku: 'A', qty: 2 }] };
        for (let i = 0; i < 3; i++)
          expect((await inject({ method: 'POST', url: '/orders', payload: ok })).statusCode).toBe(201);
        const orderLookups = lookups.mock.calls.filter(([cls]) => cls === CreateOrderDto).length;
        expect(orderLookups).toBeLessThanOrEqual(1);
      } finally {
        lookups.mockRestore();
      }
      // Still checked on every body: a nested value that is bytes is refused by the same pipe.
      const pipe = createValidationPipe();
      const line = { sku: 'A', qty: 2 };
      const meta = { type: 'body', metatype: CreateOrderDto, data: '' } as const;
      await expect(pipe.transform({ customerId: 'c-1', lines: [line] }, meta)).resolves.toBeInstanceOf(
        CreateOrderDto,
      );
      await expect(
        pipe.transform({ customerId: 'c-1', lines: [line, Buffer.from('x')] }, meta),
      ).rejects.toMatchObject({ errors: [expect.objectContaining({ field: 'lines.1' })] });
    });

    it('names each bad field, nested ones by dotted path, and unknown fields', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: {
          customerId: '',
          lines: [
            { sku: 'A', qty: 1 },
            { sku: 7, qty: 0, colour: 'red' },
          ],
          coupon: 'FREE',
        },
      });
      expect(res.statusCode).toBe(400);
      const problem = problemOf(res);
      expect(problem).toMatchObject({
        type: 'https://cx-platform.dev/problems/validation-failed',
        title: 'Bad Request',
        status: 400,
        code: 'VALIDATION_FAILED',
        instance: '/orders',
      });
      const byField = fields(problem);
      expect(Object.keys(byField).sort()).toEqual([
        'coupon',
        'customerId',
        'lines.1.colour',
        'lines.1.qty',
        'lines.1.sku',
      ]);
      expect(byField['lines.1.sku']).toEqual(['sku must be a string']);
      expect(byField['coupon']).toEqual(['property coupon should not exist']);
      expect(byField['lines.1.colour']).toEqual(['property colour should not exist']);
    });

    it('lists every missing required field of an empty object', async () => {
      const res = await inject({ method: 'POST', url: '/orders', payload: {} });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fields(problemOf(res))).sort()).toEqual(['customerId', 'lines']);
    });

    it('answers malformed JSON with 400 naming the body', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: '{"customerId": "c-1", ',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      const problem = problemOf(res);
      expect(problem.code).toBe('MALFORMED_JSON');
      expect(problem.errors).toEqual([{ field: 'body', messages: ['body is not valid JSON'] }]);
    });

    it('answers a text/plain body with 400 naming the body', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: 'customerId=c-1',
        headers: { 'content-type': 'text/plain' },
      });
      expect(res.statusCode).toBe(400);
      expect(fields(problemOf(res))).toEqual({
        body: ['body must be a JSON object sent with Content-Type: application/json'],
      });
    });

    it('answers a JSON array where an object is expected with 400 naming the body', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: '[1,2]',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fields(problemOf(res)))).toEqual(['body']);
    });

    it('answers a body over the limit with 413', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: JSON.stringify({ customerId: 'x'.repeat(1_100_000), lines: [] }),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(413);
      expect(problemOf(res)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', errors: [{ field: 'body' }] });
    });

    it('answers a content type nobody parses with 415 naming Content-Type', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: '<order/>',
        headers: { 'content-type': 'application/xml' },
      });
      expect(res.statusCode).toBe(415);
      const problem = problemOf(res);
      expect(problem.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(problem.errors?.[0].field).toBe('Content-Type');
    });
  });

  describe('errors', () => {
    it('answers a DomainError with its status, code and details', async () => {
      const res = await inject({ method: 'GET', url: '/orders/missing?x=secret-token' });
      expect(res.statusCode).toBe(404);
      expect(problemOf(res)).toEqual({
        type: 'https://cx-platform.dev/problems/order-not-found',
        title: 'Order not found',
        status: 404,
        detail: 'Order o-9 does not exist',
        instance: '/orders/missing',
        code: 'ORDER_NOT_FOUND',
        details: { orderId: 'o-9' },
      });
      const closed = await inject({ method: 'POST', url: '/orders/close' });
      expect(closed.statusCode).toBe(409);
      expect(problemOf(closed).code).toBe('ORDER_CLOSED');
    });

    it('answers an unknown error with 500 and a correlation id, logs it with the stack, leaks nothing', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const res = await inject({ method: 'GET', url: '/orders/boom' });
      expect(res.statusCode).toBe(500);
      const problem = problemOf(res);
      expect(Object.keys(problem).sort()).toEqual([
        'code',
        'correlationId',
        'detail',
        'instance',
        'status',
        'title',
        'type',
      ]);
      expect(problem.code).toBe('INTERNAL_ERROR');
      expect(problem.correlationId).toMatch(/^[0-9a-f]{32}$/);
      for (const leak of ['hunter2', 'ECONNREFUSED', '10.1.2.3', 'at ', '.ts'])
        expect(res.body).not.toContain(leak);

      expect(logged).toHaveBeenCalledTimes(1);
      const [message, stack] = logged.mock.calls[0] as [string, string];
      expect(message).toContain(problem.correlationId);
      expect(message).toContain('hunter2');
      expect(stack).toContain('http.spec.ts');
    });

    it('answers a failed call to another service with 503 and no internals', async () => {
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      const res = await inject({ method: 'GET', url: '/orders/rpc' });
      expect(res.statusCode).toBe(503);
      const problem = problemOf(res);
      expect(problem.code).toBe('RPC_TIMEOUT');
      expect(problem.correlationId).toBeDefined();
      expect(res.body).not.toContain('rpc.crm');
    });

    it('answers an unknown route with a 404 problem', async () => {
      const res = await inject({ method: 'GET', url: '/nowhere' });
      expect(res.statusCode).toBe(404);
      expect(problemOf(res)).toMatchObject({ status: 404, code: 'NOT_FOUND', instance: '/nowhere' });
    });
  });

  describe('pagination', () => {
    it('defaults the limit to 50 and pages with an opaque cursor', async () => {
      const first = await inject({ method: 'GET', url: '/orders' });
      expect(first.json()).toEqual({
        items: ['o1', 'o2', 'o3', 'o4', 'o5'].map((id) => ({ id })),
        nextCursor: null,
        limit: 50,
      });

      const page1 = (await inject({ method: 'GET', url: '/orders?limit=2' })).json<Page<OrderView>>();
      expect(page1.items).toEqual([{ id: 'o1' }, { id: 'o2' }]);
      expect(page1.nextCursor).toBe(encodeCursor({ after: 'o2' }));
      const page2 = (await inject({ method: 'GET', url: `/orders?limit=2&cursor=${page1.nextCursor}` })).json<
        Page<OrderView>
      >();
      expect(page2.items).toEqual([{ id: 'o3' }, { id: 'o4' }]);
      const page3 = (await inject({ method: 'GET', url: `/orders?limit=2&cursor=${page2.nextCursor}` })).json<
        Page<OrderView>
      >();
      expect(page3).toMatchObject({ items: [{ id: 'o5' }], nextCursor: null });
    });

    it.each([
      ['not base64url', '%21%21%21'],
      ['not JSON', 'bm90LWpzb24'],
      ['JSON of the wrong shape', encodeCursor({ before: 1 })],
      ['a JSON array', Buffer.from('[1]').toString('base64url')],
    ])('answers a cursor that is %s with 400 naming cursor', async (_what, cursor) => {
      const res = await inject({ method: 'GET', url: `/orders?cursor=${cursor}` });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fields(problemOf(res)))).toEqual(['cursor']);
    });

    it.each(['0', '201', 'abc', '2.5'])('rejects limit=%s naming limit', async (limit) => {
      const res = await inject({ method: 'GET', url: `/orders?limit=${limit}` });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fields(problemOf(res)))).toEqual(['limit']);
    });

    it('rejects unknown query parameters', async () => {
      const res = await inject({ method: 'GET', url: '/orders?sort=desc' });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fields(problemOf(res)))).toEqual(['sort']);
    });
  });

  describe('Idempotency-Key', () => {
    const body = { customerId: 'c-1', lines: [] };

    it('hands a valid key to the handler', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: body,
        headers: { 'idempotency-key': 'pos-17:2026.08.01_A-9' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ key: 'pos-17:2026.08.01_A-9' });
    });

    it.each([['bad key!'], ['x'.repeat(201)], ['']])('rejects %j naming Idempotency-Key', async (key) => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: body,
        headers: { 'Idempotency-Key': key },
      });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fields(problemOf(res)))).toEqual(['Idempotency-Key']);
    });

    it('accepts a key of exactly 200 characters', async () => {
      const res = await inject({
        method: 'POST',
        url: '/orders',
        payload: body,
        headers: { 'Idempotency-Key': 'k'.repeat(200) },
      });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('OpenAPI', () => {
    type Doc = {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<
        string,
        Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>
      >;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
      security: unknown[];
    };

    it('serves a valid document at /docs/json that declares bearer auth', async () => {
      const res = await inject({ method: 'GET', url: '/docs/json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json<Doc>();
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info).toMatchObject({ title: 'Orders', version: '1.0.0' });
      expect(doc.components.securitySchemes.bearer).toEqual({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      });
      expect(doc.security).toEqual([{ bearer: [] }]);

      // Every operation has responses and every $ref points at a schema the document defines.
      const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
      expect(operations.length).toBeGreaterThanOrEqual(5);
      for (const op of operations) expect(Object.keys(op.responses).length).toBeGreaterThan(0);
      const refs = [...res.body.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
      expect(refs).toEqual(expect.arrayContaining(['ProblemResponse', 'OrderView', 'CreateOrderDto']));
      for (const ref of refs) expect(doc.components.schemas[ref]).toBeDefined();

      // The helpers document what they do.
      expect(doc.paths['/orders'].post.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
      );
      expect(doc.paths['/orders'].get.parameters?.map((p) => p.name).sort()).toEqual(['cursor', 'limit']);
      expect(doc.paths['/orders'].post.responses['400']).toEqual({
        description: 'Invalid order',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } } },
      });
    });

    it('serves Swagger UI at /docs', async () => {
      const res = await inject({ method: 'GET', url: '/docs' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.body).toContain('swagger');
      const css = await inject({ method: 'GET', url: '/docs/swagger-ui.css' });
      expect(css.statusCode).toBe(200);
    });
  });
});
