import {
  EventPublisher,
  IdempotencyKeys,
  IdempotentAnswer,
  IdempotentRequest,
  Transactions,
  WriteBatcher,
  writeTogether,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ComplaintsConfig } from '../config';
import { ChangeRecorder } from './complaint.changes';
import { ComplaintEntity, PlanStepEntity } from './complaint.entity';
import { complaintCreated } from './complaint.events';
import { ComplaintRepository, HistoryEntry, RepeatQuery } from './complaint.repository';

/** An earlier complaint that makes a new one a repeat, as the lookup found it (null: none). */
type RepeatFound = { id: string; receivedAt: Date } | null;
import { ComplaintView, customerPromise } from './complaint.view';

/** A triaged complaint ready to be stored: every column set except the reference and the repeat link. */
export interface NewComplaint {
  complaint: ComplaintEntity;
  /** Why triage gave this priority (for the history). */
  triage: string[];
  /** A major complaint's escalation to management and emergency plan (ComplaintService.escalateMajor). */
  major: (rec: ChangeRecorder) => PlanStepEntity[];
  /** Earliest receipt of an earlier complaint that makes this one a repeat. */
  repeatSince: Date;
  /** The Idempotency-Key, its caller and the body, when the header was sent. */
  idempotency?: IdempotentRequest;
  /** The answer to the create (stored with its Idempotency-Key, so that a retry gets it again). */
  answer: (complaint: ComplaintEntity) => ComplaintView;
}

export type IntakeOutcome =
  | { kind: 'created'; view: ComplaintView }
  /** The Idempotency-Key was used before with the same body: the answer that request got. */
  | { kind: 'retried'; view: ComplaintView }
  /** The Idempotency-Key was used before with another body. */
  | { kind: 'key-reused' };

/**
 * Stores new complaints. Intakes that arrive together are written together (group commit, see
 * WriteBatcher): one transaction claims their Idempotency-Keys, looks up repeats, draws references and
 * inserts the complaints, their history and their outbox events, one statement each for the whole
 * batch. Each intake still gets exactly what it would get alone, with one difference: a complaint is
 * a repeat of an earlier one of the same batch as if that one had committed first.
 */
@Injectable()
export class ComplaintIntake {
  private readonly batcher: WriteBatcher<NewComplaint, IntakeOutcome>;

  constructor(
    private readonly tx: Transactions,
    private readonly complaints: ComplaintRepository,
    private readonly events: EventPublisher,
    private readonly keys: IdempotencyKeys,
    config: ComplaintsConfig,
  ) {
    this.batcher = new WriteBatcher((items) => this.tx.run((em) => this.writeAll(em, items)), {
      maxBatch: config.INTAKE_BATCH_MAX,
      concurrency: config.INTAKE_BATCH_CONCURRENCY,
    });
  }

  store(intake: NewComplaint): Promise<IntakeOutcome> {
    return this.batcher.submit(intake);
  }

  private async writeAll(em: EntityManager, items: NewComplaint[]): Promise<IntakeOutcome[]> {
    // 1. Idempotency-Keys first: a key taken before (or earlier in this batch) makes its item a retry,
    // answered with the first answer; the others are stored and their answers kept with their keys.
    // The keys are claimed in the statement that looks up repeats and draws references for every item
    // (a retry's are not used): one round trip for the three.
    let looked: { found: RepeatFound[]; numbers: string[] } | undefined;
    const outcomes = await this.keys.runAll<ComplaintView>(
      em,
      items.map((n) => n.idempotency),
      (todo, record) => {
        if (!looked) throw new Error('the intake stores only after its claim and lookup');
        const { found, numbers } = looked;
        return this.storeAll(
          em,
          todo.map((i) => ({ ...items[i], found: found[i] })),
          numbers,
          record,
        );
      },
      {
        claimWith: async (claim) => {
          const { claimed, ...rest } = await this.complaints.findRepeatsAndDrawReferences(
            em,
            items.map(repeatQuery),
            items.length,
            claim,
          );
          looked = rest;
          return claimed;
        },
      },
    );
    return outcomes.map((o): IntakeOutcome => {
      switch (o.kind) {
        case 'first':
          return { kind: 'created', view: o.answer.body };
        case 'replay':
          return { kind: 'retried', view: o.answer.body };
        case 'reused':
          return { kind: 'key-reused' };
      }
    });
  }

  /**
   * Stores the complaints (each with the repeat its lookup found) under the reference numbers drawn
   * for them, and gives their answers, recorded with their Idempotency-Keys by `record`.
   */
  private async storeAll(
    em: EntityManager,
    fresh: (NewComplaint & { found: RepeatFound })[],
    numbers: string[],
    record: (w: EntityManager, answers: IdempotentAnswer<ComplaintView>[]) => Promise<void>,
  ): Promise<IdempotentAnswer<ComplaintView>[]> {
    // 2. Every row in one more statement (writeTogether). runAll calls this only with at least one
    // fresh complaint.
    fresh.forEach((n, i) => {
      const c = n.complaint;
      const repeat = latest(n.found, earlierInBatch(fresh.slice(0, i), n));
      c.reference = `C-${c.receivedAt.getUTCFullYear()}-${numbers[i].padStart(6, '0')}`;
      c.isRepeat = repeat !== null;
      c.repeatOf = repeat?.id ?? null;
    });
    // Recorded before the rows are written: a major complaint's escalation is part of the row.
    const plans: PlanStepEntity[] = [];
    const recorders = fresh.map((n) => recordIntake(n, plans));
    const history: HistoryEntry[] = [];
    recorders.forEach((rec, i) =>
      history.push(
        ...rec.history.map((h) => ({
          ...h,
          complaintId: fresh[i].complaint.id,
          at: rec.now,
          actorId: fresh[i].complaint.recordedBy,
        })),
      ),
    );
    const answers = fresh.map((n) => ({
      status: 201,
      body: n.answer(n.complaint),
      resourceId: n.complaint.id,
    }));
    // Complaints, plan steps, history, outbox events and the answers kept with the Idempotency-Keys
    // in one round trip instead of five. A lone intake (light load) sends one of a few texts (with or
    // without a key, a major's plan, so many history rows): prepared once per connection (ADR 54); a
    // batch's text varies with its size, so batches are not.
    await writeTogether(
      em,
      async (w) => {
        await this.complaints.insertAll(
          w,
          fresh.map((n) => n.complaint),
        );
        await this.complaints.addPlanSteps(w, plans);
        await this.complaints.addHistory(w, ...history);
        await this.events.publishAll(
          w,
          recorders.flatMap((rec) => rec.events),
        );
        await record(w, answers);
      },
      { prepared: fresh.length === 1 },
    );
    return answers;
  }
}

function repeatQuery(n: NewComplaint): RepeatQuery {
  const c = n.complaint;
  return {
    customerId: c.customerId,
    phoneHash: c.phoneHash,
    emailHash: c.emailHash,
    category: c.category,
    productSku: c.productSku,
    since: n.repeatSince,
  };
}

/** The latest complaint of the same person about the same category or product among those before it in the batch. */
function earlierInBatch(before: NewComplaint[], n: NewComplaint): ComplaintEntity | null {
  const c = n.complaint;
  let best: ComplaintEntity | null = null;
  for (const { complaint: e } of before) {
    const samePerson =
      (c.customerId !== null && e.customerId === c.customerId) ||
      (c.phoneHash !== null && e.phoneHash === c.phoneHash) ||
      (c.emailHash !== null && e.emailHash === c.emailHash);
    const sameSubject = e.category === c.category || (c.productSku !== null && e.productSku === c.productSku);
    if (
      samePerson &&
      sameSubject &&
      e.receivedAt >= n.repeatSince &&
      (!best || e.receivedAt >= best.receivedAt)
    )
      best = e;
  }
  return best;
}

function latest(a: { id: string; receivedAt: Date } | null, b: { id: string; receivedAt: Date } | null) {
  if (!a || !b) return a ?? b;
  return b.receivedAt >= a.receivedAt ? b : a;
}

/** The history row and the two events of a new complaint; for a major one its escalation and plan (into `plans`). */
function recordIntake(
  { complaint: c, triage, major }: NewComplaint,
  plans: PlanStepEntity[],
): ChangeRecorder {
  const rec = new ChangeRecorder(c, c.recordedAt);
  rec.note(
    'created',
    { channel: c.channel, priority: c.priority, triage, ownerId: c.ownerId, repeatOf: c.repeatOf },
    undefined,
    'received',
  );
  rec.emit(complaintCreated(c, c.recordedAt));
  rec.tellCustomer('received', customerPromise(c));
  plans.push(...major(rec));
  return rec;
}
