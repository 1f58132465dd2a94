import { Subjects } from '@cx/contracts';
import { ManualClock } from '@cx/platform';
import { ServiceHarness, startService, waitFor } from '@cx/testing';
import { trainingService } from '../src/service';
import { hire } from './support';

const NOW = '2026-12-02T02:00:00.000Z';

describe("the training lead's analytics and CSV exports (real Postgres and NATS)", () => {
  let h: ServiceHarness;

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    const course = (
      await h.request('POST', '/api/v1/admin/courses', {
        as: 'lead',
        body: {
          code: 'returns-policy',
          title: 'Returns policy',
          topic: 'law-compliance',
          format: 'online',
          durationMinutes: 20,
          passingScore: 80,
          maxAttempts: 1,
          points: 5,
        },
      })
    ).json();
    for (const [employeeId, score] of [
      ['Y1', 90],
      ['Y2', 50],
    ] as const) {
      await hire(h, employeeId, { role: 'cashier' });
      const e = (
        await h.request('POST', '/api/v1/enrollments', {
          as: 'lead',
          body: { employeeId, courseId: course.id },
        })
      ).json();
      // 1 Dec 08:00 in Shanghai: December's, though it is still 30 Nov in UTC.
      await h.request('POST', `/api/v1/enrollments/${e.id}/attempts`, {
        as: 'system',
        body: { score, takenAt: '2026-12-01T00:00:00+08:00' },
      });
    }
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('gives completions, failures and pass rates per month of the year, in the zone', async () => {
    const res = await h.request('GET', '/api/v1/admin/analytics/training?year=2026', { as: 'lead' });
    expect(res.statusCode).toBe(200);
    const { months } = res.json();
    expect(months).toHaveLength(12);
    expect(months[10]).toMatchObject({ month: '2026-11', attempts: 0, completed: 0 });
    expect(months[11]).toEqual({
      month: '2026-12',
      enrolled: 2,
      completed: 1,
      failed: 1,
      attempts: 2,
      passed: 1,
      completionRatePct: 50,
      passRatePct: 50,
    });
  });

  it('exports the year and a month’s leaderboard as CSV, audited', async () => {
    const res = await h.request('GET', '/api/v1/admin/analytics/training.csv?year=2026', { as: 'lead' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe(
      'month,enrolled,completed,failed,attempts,passed,completion_rate_pct,pass_rate_pct',
    );
    expect(lines[12]).toBe('2026-12,2,1,1,2,1,50,50');

    await h.publish(Subjects.surveys.auditCompleted, {
      storeId: 'SH-001',
      employeeIds: ['Y1'],
      scorePct: 90,
      failedItems: [],
      completedAt: '2026-12-01T03:00:00Z',
    });
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM scorecard_fact WHERE kind = 'audit'`)).length > 0,
      15_000,
    );
    await h.request('POST', '/api/v1/admin/scorecards/2026-12/recompute', { as: 'lead' });
    const board = await h.request('GET', '/api/v1/admin/analytics/leaderboard.csv?month=2026-12', {
      as: 'lead',
    });
    expect(board.body.split('\r\n').slice(0, 2)).toEqual([
      'month,employee_id,store_id,score,clears_minimums,rank_overall,rank_in_store',
      '2026-12,Y1,SH-001,90,false,1,1',
    ]);
    expect(
      await h.sql(
        `SELECT action, subject_id FROM audit_log WHERE subject_type = 'training-export' ORDER BY id`,
      ),
    ).toEqual([
      { action: 'export', subject_id: 'training-2026.csv' },
      { action: 'export', subject_id: 'scorecards-2026-12.csv' },
    ]);
  });

  it('answers 400 naming the field, 401 and 403', async () => {
    const bad = await h.request('GET', '/api/v1/admin/analytics/training?year=26', { as: 'lead' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('year');
    expect((await h.request('GET', '/api/v1/admin/analytics/training?year=2026')).statusCode).toBe(401);
    expect(
      (await h.request('GET', '/api/v1/admin/analytics/training?year=2026', { as: 'agent' })).statusCode,
    ).toBe(403);
  });
});
