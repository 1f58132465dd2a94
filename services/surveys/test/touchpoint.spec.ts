import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { surveysService } from '../src/service';
import { touchpointBody as valid } from './support';

const NOW = '2026-11-01T02:00:00.000Z';
const URL = '/api/v1/touchpoints';

describe('key touchpoints (real Postgres and NATS)', () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(surveysService, { clock: new ManualClock(NOW) });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('registers a touchpoint with its department and standards, and reads it back', async () => {
    const body = valid();
    const res = await h.request('POST', URL, { as: 'lead', body });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ ...body, createdAt: NOW, createdBy: 'u-lead' });
    expect(res.headers.location).toBe(`${URL}/${created.id}`);
    const got = await h.request('GET', `${URL}/${created.id}`, { as: 'auditor' });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(created);
  });

  it('lists newest first, one page after the other', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.clock.advance(1_000);
      ids.push((await h.request('POST', URL, { as: 'lead', body: valid() })).json().id);
    }
    const first = await h.request('GET', `${URL}?limit=2`, { as: 'agent' });
    expect(first.json().items.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[1]]);
    const second = await h.request('GET', `${URL}?limit=2&cursor=${first.json().nextCursor}`, {
      as: 'agent',
    });
    expect(second.json().items[0].id).toBe(ids[0]);
  });

  it('answers a retry with the same Idempotency-Key with the first answer; 409 for a taken code', async () => {
    const key = randomUUID();
    const body = valid();
    const first = await h.request('POST', URL, { as: 'lead', body, headers: { 'idempotency-key': key } });
    const retry = await h.request('POST', URL, { as: 'lead', body, headers: { 'idempotency-key': key } });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 200]);
    expect(retry.json()).toEqual(first.json());
    const again = await h.request('POST', URL, { as: 'lead', body: { ...body, department: 'sales' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TOUCHPOINT_CODE_TAKEN');
  });

  it('answers a 400 problem naming each bad field', async () => {
    const res = await h.request('POST', URL, {
      as: 'lead',
      body: valid({ code: 'Not A Code', name: { en: 'no chinese' } }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['code', 'name.zh-CN']);
  });

  it('answers 404 for an unknown id, 401 without a token, 403 for an agent registering', async () => {
    expect((await h.request('GET', `${URL}/${randomUUID()}`, { as: 'agent' })).json().code).toBe(
      'TOUCHPOINT_NOT_FOUND',
    );
    expect((await h.request('GET', URL)).statusCode).toBe(401);
    expect((await h.request('POST', URL, { as: 'agent', body: valid() })).statusCode).toBe(403);
  });
});
