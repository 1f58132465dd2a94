import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { surveysService } from '../src/service';

const NOW = '2026-11-01T02:00:00.000Z';
const URL = '/api/v1/cx-reports';
const valid = (over: Record<string, unknown> = {}) => ({
  code: `c-${randomUUID().slice(0, 8)}`,
  name: 'North region',
  externalRef: 'ERP-000123',
  activeFrom: '2026-11-01T10:00:00+08:00',
  ...over,
});

describe('cx-reports (real Postgres and NATS)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock(NOW) });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('creates a cx report, reads it back and stores it', async () => {
    const body = valid();
    const res = await h.request('POST', URL, { as: 'agent', body });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      code: body.code,
      name: 'North region',
      externalRef: 'ERP-000123',
      activeFrom: '2026-11-01T02:00:00.000Z',
      active: true,
      createdAt: NOW,
      createdBy: 'u-agent',
    });
    expect(res.headers.location).toBe(`${URL}/${created.id}`);

    const got = await h.request('GET', `${URL}/${created.id}`, { as: 'lead' });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(created);
    expect(await h.sql('SELECT code FROM cx_report WHERE id = $1', [created.id])).toEqual([
      { code: body.code },
    ]);
  });

  it('lists newest first, one page after the other', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1_000);
      ids.push((await h.request('POST', URL, { as: 'agent', body: valid() })).json().id);
    }
    const first = await h.request('GET', `${URL}?limit=2`, { as: 'agent' });
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[1]]);
    const cursor = first.json().nextCursor as string;
    const second = await h.request('GET', `${URL}?limit=2&cursor=${cursor}`, { as: 'agent' });
    expect(second.json().items[0].id).toBe(ids[0]);
  });

  it('answers a retry with the same Idempotency-Key with the first cx report, and refuses the key for another body', async () => {
    const key = randomUUID();
    const body = valid();
    const first = await h.request('POST', URL, { as: 'system', body, headers: { 'idempotency-key': key } });
    const retry = await h.request('POST', URL, { as: 'system', body, headers: { 'idempotency-key': key } });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json()).toEqual(first.json());
    const other = await h.request('POST', URL, {
      as: 'system',
      body: valid(),
      headers: { 'idempotency-key': key },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 409 for a code that is taken', async () => {
    const body = valid();
    expect((await h.request('POST', URL, { as: 'agent', body })).statusCode).toBe(201);
    const again = await h.request('POST', URL, { as: 'agent', body: { ...body, name: 'Another' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CX_REPORT_CODE_TAKEN');
  });

  it('answers a 400 problem naming each bad field', async () => {
    const res = await h.request('POST', URL, {
      as: 'agent',
      body: valid({ code: 'Not A Code', activeFrom: '2026-11-01T10:00:00' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['activeFrom', 'code']);
  });

  it('answers 404 for an unknown id', async () => {
    const res = await h.request('GET', `${URL}/${randomUUID()}`, { as: 'agent' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CX_REPORT_NOT_FOUND');
  });

  it('answers 401 without a token and 403 for a role it does not name', async () => {
    expect((await h.request('GET', URL)).statusCode).toBe(401);
    expect((await h.request('POST', URL, { body: valid() })).statusCode).toBe(401);
    expect((await h.request('POST', URL, { as: 'auditor', body: valid() })).statusCode).toBe(403);
  });
});
