import { AuditCompletedV1, Subjects } from '@cx/contracts';
import { EventContext, HandlerEffects, ManualClock, ServiceApp, Transactions } from '@cx/platform';
import { eventEnvelope, ServiceHarness, startService } from '@cx/testing';
import { randomUUID } from 'node:crypto';
import { RemedialCache } from '../src/remedial/remedial.cache';
import { RemedialService } from '../src/remedial/remedial.service';
import { ScorecardFacts } from '../src/scorecard/scorecard.facts';
import { StoreZoneCache } from '../src/store/store.cache';
import { trainingService } from '../src/service';
import { createCourse, hire } from './support';

const NOW = '2026-11-20T02:00:00.000Z';
/** 31 Oct 20:00 UTC: 1 Nov 04:00 in Shanghai (the default zone), 31 Oct 21:00 in Berlin. */
const NEAR_MONTH_END = new Date('2026-10-31T20:00:00.000Z');

/** Polls until `read()` answers `want` (a notification takes milliseconds), or fails with the last answer. */
async function eventually<T>(read: () => Promise<T>, want: T): Promise<void> {
  let last = await read();
  for (let i = 0; i < 100 && last !== want; i++) {
    await new Promise((r) => setTimeout(r, 20));
    last = await read();
  }
  expect(last).toBe(want);
}

describe('store zones and remedial rules kept per replica, emptied when a lead changes them (real Postgres and NATS)', () => {
  let h: ServiceHarness;
  let b: ServiceApp;

  /** What the handlers of replica B do with an event: the month a store's fact lands in. */
  const monthOnB = () =>
    b.app.get(Transactions).run((em) =>
      b.app.get(ScorecardFacts).record(em, {
        kind: 'audit',
        employeeIds: [],
        storeId: 'BER-01',
        occurredAt: NEAR_MONTH_END,
        value: 90,
        sourceId: randomUUID(),
      }),
    );
  /** Replica B handling an audit that failed a fitting-room item observed for R1: R1's remedial enrolments after it. */
  const auditOnB = async () => {
    const audit: AuditCompletedV1 = {
      auditId: randomUUID(),
      storeId: 'SH-001',
      employeeIds: ['R1'],
      passed: false,
      failedItems: [{ itemId: 'FR-03', touchpoint: 'fitting-room' }],
      completedAt: '2026-11-19T03:00:00Z',
    } as AuditCompletedV1;
    await b.app
      .get(Transactions)
      .run((em) =>
        b.app
          .get(RemedialService)
          .afterAudit(
            new EventContext([
              eventEnvelope(Subjects.surveys.auditCompleted, audit),
              em,
              { deliveryCount: 1, consumer: 'test', replay: false },
              new HandlerEffects(),
            ]),
            audit,
          ),
      );
    const [{ n }] = await h.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrollment WHERE employee_id = 'R1' AND reason = 'remedial'`,
    );
    return n;
  };

  beforeAll(async () => {
    h = await startService(trainingService, { clock: new ManualClock(NOW) });
    b = await h.replica();
    await hire(h, 'R1');
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('files the next event on another replica in the month of a zone the lead just set there', async () => {
    expect(b.app.get(StoreZoneCache).active).toBe(true);
    expect(await monthOnB()).toBe('2026-11'); // the default zone, now kept by B
    const before = b.app.get(StoreZoneCache).generation;
    const put = await h.request('PUT', '/api/v1/admin/stores/BER-01/time-zone', {
      as: 'lead',
      body: { timeZone: 'Europe/Berlin' },
    });
    expect(put.statusCode).toBe(200);
    await eventually(monthOnB, '2026-10');
    expect(b.app.get(StoreZoneCache).generation).toBeGreaterThan(before); // emptied by the notification
  });

  it('enrols on another replica by a remedial rule the lead just mapped there', async () => {
    const course = await createCourse(h, 'fitting-room-service', { format: 'role-play', points: 1 });
    expect(b.app.get(RemedialCache).active).toBe(true);
    expect(await auditOnB()).toBe(0); // nothing mapped yet, and B keeps that
    const put = await h.request('PUT', '/api/v1/admin/policies/remedial', {
      as: 'lead',
      body: {
        rules: [{ kind: 'audit-touchpoint', code: 'fitting-room', courseId: course }],
        breachThreshold: 2,
        satisfactionThresholdPct: 80,
        satisfactionMinResponses: 3,
        dueDays: 30,
      },
    });
    expect(put.statusCode).toBe(200);
    await eventually(auditOnB, 1);
  });
});
