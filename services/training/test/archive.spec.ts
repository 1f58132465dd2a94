import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { trainingService } from '../src/service';
import { hire } from './support';

const NOW = '2026-11-01T02:00:00.000Z';

describe('training archive, points and rewards (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let course: { id: string };

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    course = (
      await h.request('POST', '/api/v1/admin/courses', {
        as: 'lead',
        body: {
          code: 'product-basics',
          title: 'Product basics',
          topic: 'product-knowledge',
          format: 'online',
          durationMinutes: 45,
          passingScore: 70,
          maxAttempts: 2,
          points: 30,
        },
      })
    ).json();
    await hire(h, 'A1');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('archives every course taken with its attempts, and the points earned, as the records arrive', async () => {
    const e = (
      await h.request('POST', '/api/v1/enrollments', {
        as: 'lead',
        body: { employeeId: 'A1', courseId: course.id },
      })
    ).json();
    for (const score of [60, 75])
      await h.request('POST', `/api/v1/enrollments/${e.id}/attempts`, {
        as: 'system',
        body: { score, takenAt: '2026-10-31T02:00:00Z' },
      });
    const archive = await h.request('GET', '/api/v1/employees/A1/archive', { as: 'lead' });
    expect(archive.statusCode).toBe(200);
    expect(archive.json()).toEqual({
      employeeId: 'A1',
      points: { earned: 30, spent: 0, balance: 30 },
      completed: 1,
      failed: 0,
      courses: [
        expect.objectContaining({
          courseCode: 'product-basics',
          topic: 'product-knowledge',
          reason: 'manual',
          status: 'completed',
          completedAt: '2026-10-31T02:00:00.000Z',
          attempts: [
            { score: 60, passed: false, takenAt: '2026-10-31T02:00:00.000Z' },
            { score: 75, passed: true, takenAt: '2026-10-31T02:00:00.000Z' },
          ],
        }),
      ],
    });
  });

  it('spends points on a reward the lead defines, never below zero', async () => {
    const reward = (
      await h.request('POST', '/api/v1/admin/rewards', {
        as: 'lead',
        body: { code: 'cinema-voucher', title: 'Cinema voucher', costPoints: 20 },
      })
    ).json();
    const first = await h.request('POST', '/api/v1/employees/A1/redemptions', {
      as: 'lead',
      body: { rewardId: reward.id },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ points: 20, balance: 10 });
    const second = await h.request('POST', '/api/v1/employees/A1/redemptions', {
      as: 'lead',
      body: { rewardId: reward.id },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('REDEMPTION_REFUSED');
    expect((await h.request('GET', '/api/v1/employees/A1/archive', { as: 'lead' })).json().points).toEqual({
      earned: 30,
      spent: 20,
      balance: 10,
    });
  });

  it('answers 404, 409 for a taken code, 400 naming the field, 401 and 403', async () => {
    expect((await h.request('GET', '/api/v1/employees/NOBODY/archive', { as: 'lead' })).statusCode).toBe(404);
    const taken = await h.request('POST', '/api/v1/admin/rewards', {
      as: 'lead',
      body: { code: 'cinema-voucher', title: 'Again', costPoints: 5 },
    });
    expect(taken.json().code).toBe('REWARD_CODE_TAKEN');
    const bad = await h.request('POST', '/api/v1/employees/A1/redemptions', {
      as: 'lead',
      body: { rewardId: 'x' },
    });
    expect(bad.json().errors[0].field).toBe('rewardId');
    const unknown = await h.request('POST', '/api/v1/employees/A1/redemptions', {
      as: 'lead',
      body: { rewardId: randomUUID() },
    });
    expect(unknown.json().code).toBe('REWARD_NOT_FOUND');
    expect((await h.request('GET', '/api/v1/employees/A1/archive')).statusCode).toBe(401);
    expect((await h.request('GET', '/api/v1/employees/A1/archive', { as: 'agent' })).statusCode).toBe(403);
  });
});
