// training event ingest benchmark: survey answers, audits and complaint events consumed into scorecard
// facts by the real training service (JetStream consumer, inbox, the handlers: store zone, month row
// FOR SHARE, facts, remedial checks), in events/s from the first publish until the last event's inbox
// row; beside a floor measured in the same run: how fast the same events reach the stream (the bench's
// own publishing, which the consumer cannot outrun).
// Target (issue 15): at least 3,000 events/s.
//
//   node -r ./libs/testing/register.cjs bench/training-ingest.bench.ts   (or: npm run bench -- training-ingest)
//
// Knobs: BENCH_TRAINING_INGEST_EVENTS (30000), BENCH_TRAINING_EMPLOYEES (2000), BENCH_TRAINING_STORES (100),
// BENCH_TRAINING_REMEDIAL=1 (courses mapped to low satisfaction and SLA breaches: answers and breaches then
// read their month's counts, so their batches take a transaction instead of the write-only path, ADR 26),
// BENCH_WRITE_BASELINE=1|force.
import 'reflect-metadata';
import { Envelope, Subjects } from '@cx/contracts';
import { ManualClock, NatsClient } from '@cx/platform';
import { eventEnvelope, ServiceHarness, startService, waitFor } from '@cx/testing';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { trainingService } from '../services/training/src/service';
import { disturbedBy, finish, numberFrom, referenceOf, runInfo, sql } from './crm/common';
import { Line, table } from './support/report';
import { runMain } from './support/run-main';

const BENCH = 'training-ingest';
const TARGET = 3_000;
const log = (line: string) => console.log(`[${BENCH}] ${line}`);

const cfg = {
  events: numberFrom('BENCH_TRAINING_INGEST_EVENTS', 30_000, 1),
  employees: numberFrom('BENCH_TRAINING_EMPLOYEES', 2_000, 1),
  stores: numberFrom('BENCH_TRAINING_STORES', 100, 1),
  remedial: process.env.BENCH_TRAINING_REMEDIAL === '1',
};

/** The lead maps a course to low satisfaction and to repeated SLA breaches (BENCH_TRAINING_REMEDIAL=1). */
async function mapRemedialCourses(h: ServiceHarness): Promise<void> {
  const course = await h.request('POST', '/api/v1/admin/courses', {
    as: 'lead',
    body: {
      code: 'service-etiquette',
      title: 'Service etiquette',
      topic: 'service-etiquette',
      format: 'internal',
      durationMinutes: 60,
      points: 0,
    },
  });
  const courseId = course.json<{ id: string }>().id;
  const policy = await h.request('PUT', '/api/v1/admin/policies/remedial', {
    as: 'lead',
    body: {
      rules: [
        { kind: 'low-satisfaction', code: 'any', courseId },
        { kind: 'sla-breaches', code: 'any', courseId },
      ],
      breachThreshold: 2,
      satisfactionThresholdPct: 80,
      satisfactionMinResponses: 3,
      dueDays: 30,
    },
  });
  if (course.statusCode !== 201 || policy.statusCode !== 200)
    throw new Error(`remedial mapping refused: ${course.statusCode} ${policy.statusCode} ${policy.body}`);
}

/** The i-th event: 6 survey answers, 2 audits, 1 complaint and 1 breach in every 10, spread over November. */
function eventAt(i: number): Envelope {
  const employeeId = `E${i % cfg.employees}`;
  const storeId = `S${(i % cfg.employees) % cfg.stores}`;
  const at = new Date(Date.UTC(2026, 10, 1) + (i % 2_500_000) * 1000).toISOString();
  const kind = i % 10;
  if (kind < 6)
    return eventEnvelope(Subjects.surveys.responseSubmitted, {
      responseId: crypto.randomUUID(),
      employeeId,
      storeId,
      satisfied: i % 7 > 0,
      submittedAt: at,
    });
  if (kind < 8)
    return eventEnvelope(Subjects.surveys.auditCompleted, {
      auditId: crypto.randomUUID(),
      storeId,
      employeeIds: [employeeId],
      scorePct: 60 + (i % 40),
      passed: true,
      failedItems: [],
      completedAt: at,
    });
  if (kind < 9)
    return eventEnvelope(Subjects.complaints.complaintCreated, {
      complaintId: crypto.randomUUID(),
      employeeId,
      storeId,
      receivedAt: at,
      firstResponseDueAt: at,
      resolutionDueAt: at,
    });
  return eventEnvelope(Subjects.complaints.complaintSlaBreached, {
    complaintId: crypto.randomUUID(),
    ownerId: employeeId,
    storeId,
    breachedAt: at,
  });
}

async function main(): Promise<void> {
  const info = await runInfo(log);
  let h: ServiceHarness | undefined;
  try {
    h = await startService(trainingService, { clock: new ManualClock('2026-12-02T00:00:00Z') });
    const nats = h.get(NatsClient);
    await nats.ensureStream('surveys');
    await nats.ensureStream('complaints');
    if (cfg.remedial) await mapRemedialCourses(h);
    const events = Array.from({ length: cfg.events }, (_, i) => eventAt(i));
    const last = events[events.length - 1];
    log(
      `publishing ${cfg.events} events (answers, audits, complaints, breaches) for ${cfg.employees} employees`,
    );
    const started = performance.now();
    // Pipelined like the outbox relay, with its aggregate header (the consumer's lanes follow it).
    for (let i = 0; i < events.length; i += 500)
      await Promise.all(
        events.slice(i, i + 500).map((env) => {
          const hdrs = natsHeaders();
          hdrs.set('Cx-Aggregate-Id', env.aggregateId);
          return nats.js.publish(nats.naming.subject(env.type), JSON.stringify(env), {
            msgID: env.id,
            headers: hdrs,
          });
        }),
      );
    const publishedMs = performance.now() - started;
    log(`published in ${(publishedMs / 1000).toFixed(1)} s; waiting for the consumer`);
    await waitFor(
      async () => {
        const [n] = await sql<{ n: string }>(h!.dbUrl, `SELECT count(*) AS n FROM inbox`);
        return Number(n.n) >= cfg.events;
      },
      30 * 60_000,
      'every event handled',
    );
    const ingestMs = performance.now() - started;
    const [facts] = await sql<{ n: string }>(
      h.dbUrl,
      `SELECT count(*) AS n FROM scorecard_fact WHERE scope = 'employee'`,
    );
    const [letters] = await sql<{ n: string }>(h.dbUrl, `SELECT count(*) AS n FROM dead_letter`);
    const ours = cfg.events / (ingestMs / 1000);
    const floor = cfg.events / (publishedMs / 1000);
    const lines: Line[] = [
      {
        key: 'eventsPerSecond',
        label: 'events/s into scorecard facts',
        unit: 'req/s',
        ours,
        floor,
        target: `>= ${TARGET}`,
        pass: ours >= TARGET,
      },
      { key: 'facts', label: 'employee facts written', unit: 'count', ours: Number(facts.n) },
      { key: 'deadLetters', label: 'dead letters', unit: 'count', ours: Number(letters.n) },
    ];
    console.log('');
    console.log(
      `training ingest: ${cfg.events} events published pipelined, consumed by the training service until the ` +
        `last inbox row (${last.id}); floor: the publishing rate of the same events ('req/s' = events/s)`,
    );
    console.log(table(lines, referenceOf(BENCH).figures));
    const problems: string[] = [];
    if (Number(facts.n) !== cfg.events) problems.push(`${facts.n} employee facts for ${cfg.events} events`);
    if (Number(letters.n) > 0) problems.push(`${letters.n} dead letters`);
    for (const p of problems) console.log(`CHECK FAILED: ${p}`);
    finish(BENCH, log, info, {
      disturbed: disturbedBy(info, []),
      config: cfg,
      figures: { ours: { eventsPerSecond: ours }, baseline: undefined, floor: { eventsPerSecond: floor } },
      verdicts: { eventsPerSecond: ours >= TARGET ? 'PASS' : 'MISS' },
      details: { publishedMs, ingestMs, problems },
    });
    if (problems.length) throw new Error('events were lost or dead-lettered: figures are not valid');
  } finally {
    await h?.stop();
  }
}

runMain(BENCH, main);
