import { Clock, EventPublisher, Scheduler, Transactions } from '@cx/platform';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeRecorder } from '../complaint/complaint.changes';
import { ComplaintEntity } from '../complaint/complaint.entity';
import { ComplaintRepository } from '../complaint/complaint.repository';
import { ComplaintsConfig } from '../config';
import { ComplaintPolicyEntity } from '../policy/policy.entity';
import { PolicyService } from '../policy/policy.service';
import { escalationDue, markClock, runningClocks } from './complaint-clocks';
import { deadlinePassed, warningDue } from './sla-clock';
import { autoClosedMessage, slaBreachedEvent } from './sla.events';
import { SlaMetrics, SweepEffect } from './sla.metrics';

export interface SweepCounts {
  /** Clocks warned about (a complaint may have two). */
  warned: number;
  /** Clocks breached; one sla-breached event each. */
  breached: number;
  /** Escalation levels raised (a complaint two levels behind counts two). */
  escalated: number;
  autoClosed: number;
}

interface Batch {
  claimed: number;
  effects: SweepEffect[];
}

/** Who the case file names for what the sweeper does. */
const ACTOR = 'sla-sweeper';
const JOB = 'complaints.sla-sweep';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Keeps one tick bounded when there is a backlog; the next tick carries on where this one stopped. */
const MAX_BATCHES_PER_PHASE = 20;

/**
 * The SLA sweeper: every SLA_SWEEP_INTERVAL_MS it marks breaches (with their sla-breached event and
 * the escalation they bring), raises escalation levels as their times come, warns before deadlines,
 * and closes complaints quiet in "resolved" past the policy's days.
 *
 * Every replica runs it. Each batch claims its rows with FOR UPDATE SKIP LOCKED and commits the
 * changes, history and outbox rows in one transaction, so replicas share the work, and a row once
 * handled no longer matches: a breach is marked, and its event written, exactly once.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('SlaSweeper');
  private readonly scheduler = new Scheduler({ logger: this.log });

  constructor(
    private readonly tx: Transactions,
    private readonly complaints: ComplaintRepository,
    private readonly policies: PolicyService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    private readonly config: ComplaintsConfig,
    private readonly metrics: SlaMetrics,
  ) {
    this.scheduler.every(JOB, config.SLA_SWEEP_INTERVAL_MS, (signal) => this.sweep(this.clock.now(), signal));
  }

  onApplicationBootstrap(): void {
    this.scheduler.start(); // idempotent: Nest calls this again for the microservice sharing the container
  }

  /** Waits for a running sweep, while the database is still there (before the platform closes it). */
  beforeApplicationShutdown(): Promise<void> {
    return this.scheduler.stop();
  }

  /** One sweep now (tests, ops); `now` defaults to the clock. */
  sweepOnce(now: Date = this.clock.now()): Promise<SweepCounts> {
    return this.sweep(now);
  }

  private async sweep(now: Date, signal?: AbortSignal): Promise<SweepCounts> {
    const policy = await this.policies.policy();
    // Breaches first, so that the escalation a breach brings travels in its event.
    const effects = [
      ...(await this.drain((em) => this.breach(em, policy, now), signal)),
      ...(await this.drain((em) => this.escalate(em, policy, now), signal)),
      ...(policy.warningLeadMinutes > 0 ? await this.drain((em) => this.warn(em, policy, now), signal) : []),
      ...(policy.autoCloseDays > 0 ? await this.drain((em) => this.autoClose(em, policy, now), signal) : []),
    ];
    const counts = tally(effects);
    if (effects.length) this.log.log(`swept at ${now.toISOString()}: ${JSON.stringify(counts)}`);
    return counts;
  }

  /** Runs batches of one phase, each in its own transaction, until a batch comes back short. */
  private async drain(
    batch: (em: EntityManager) => Promise<Batch>,
    signal?: AbortSignal,
  ): Promise<SweepEffect[]> {
    const effects: SweepEffect[] = [];
    for (let i = 0; i < MAX_BATCHES_PER_PHASE && !signal?.aborted; i++) {
      const done = await this.tx.run(batch);
      this.metrics.record(done.effects);
      effects.push(...done.effects);
      if (done.claimed < this.config.SLA_SWEEP_BATCH) break;
    }
    return effects;
  }

  private async breach(em: EntityManager, policy: ComplaintPolicyEntity, now: Date): Promise<Batch> {
    const rows = await this.complaints.claimDueForBreach(em, now, this.config.SLA_SWEEP_BATCH);
    const effects: SweepEffect[] = [];
    for (const c of rows) {
      const breached = runningClocks(c).filter((k) => k.breachedAt === null && deadlinePassed(k.dueAt, now));
      if (breached.length === 0) continue;
      const rec = new ChangeRecorder(c, now);
      for (const k of breached) {
        markClock(c, k.clock, 'breachedAt', now);
        rec.note('sla-breached', { clock: k.clock, dueAt: k.dueAt.toISOString() });
        effects.push({ kind: 'breached', clock: k.clock });
      }
      effects.push(...this.raiseLevel(c, rec, policy, now));
      for (const k of breached) rec.emit(slaBreachedEvent(c, k.clock, k.dueAt, now));
      await this.commit(em, c, rec);
    }
    return { claimed: rows.length, effects };
  }

  private async escalate(em: EntityManager, policy: ComplaintPolicyEntity, now: Date): Promise<Batch> {
    const rows = await this.complaints.claimDueForEscalation(
      em,
      now,
      policy.escalationChain,
      this.config.SLA_SWEEP_BATCH,
    );
    const effects: SweepEffect[] = [];
    for (const c of rows) {
      const rec = new ChangeRecorder(c, now);
      const raised = this.raiseLevel(c, rec, policy, now);
      if (raised.length === 0) continue;
      effects.push(...raised);
      await this.commit(em, c, rec);
    }
    return { claimed: rows.length, effects };
  }

  private async warn(em: EntityManager, policy: ComplaintPolicyEntity, now: Date): Promise<Batch> {
    const lead = policy.warningLeadMinutes;
    const rows = await this.complaints.claimDueForWarning(
      em,
      now,
      new Date(now.getTime() + lead * MINUTE),
      this.config.SLA_SWEEP_BATCH,
    );
    const effects: SweepEffect[] = [];
    for (const c of rows) {
      const due = runningClocks(c).filter(
        (k) => k.warnedAt === null && k.breachedAt === null && warningDue(k.dueAt, lead, now),
      );
      if (due.length === 0) continue;
      const rec = new ChangeRecorder(c, now);
      for (const k of due) {
        markClock(c, k.clock, 'warnedAt', now);
        rec.note('sla-warning', { clock: k.clock, dueAt: k.dueAt.toISOString() });
        rec.deadlineApproaching(k.clock, k.dueAt);
        effects.push({ kind: 'warned', clock: k.clock });
      }
      await this.commit(em, c, rec);
    }
    return { claimed: rows.length, effects };
  }

  private async autoClose(em: EntityManager, policy: ComplaintPolicyEntity, now: Date): Promise<Batch> {
    const days = policy.autoCloseDays;
    const rows = await this.complaints.claimDueForAutoClose(
      em,
      new Date(now.getTime() - days * DAY),
      this.config.SLA_SWEEP_BATCH,
    );
    for (const c of rows) {
      const rec = new ChangeRecorder(c, now);
      c.status = 'closed';
      c.closedAt = now;
      rec.note(
        'auto-closed',
        { resolvedAt: c.resolvedAt?.toISOString(), quietDays: days },
        'resolved',
        'closed',
      );
      rec.tellCustomer('auto-closed', autoClosedMessage(c, days));
      await this.commit(em, c, rec);
    }
    return { claimed: rows.length, effects: rows.map(() => ({ kind: 'auto-closed' }) as const) };
  }

  /** Raises the complaint to the level its deadlines have reached; one history entry per level passed. */
  private raiseLevel(
    c: ComplaintEntity,
    rec: ChangeRecorder,
    policy: ComplaintPolicyEntity,
    now: Date,
  ): SweepEffect[] {
    const due = escalationDue(c, policy.escalationChain, now);
    if (!due) return [];
    for (const step of due.steps) {
      rec.note('escalated', { level: step.level, to: step.to, clock: due.clock });
      rec.escalated(
        step.level,
        step.to,
        due.clock === 'first-response' ? 'first-response-sla' : 'resolution-sla',
      );
    }
    c.escalationLevel = Math.max(...due.steps.map((s) => s.level));
    return due.steps.map((s) => ({ kind: 'escalated', level: s.level }));
  }

  /** The row, its history and its events, in the batch's transaction. */
  private async commit(em: EntityManager, c: ComplaintEntity, rec: ChangeRecorder): Promise<void> {
    c.updatedAt = rec.now;
    await this.complaints.save(em, c);
    await this.complaints.addHistory(
      em,
      ...rec.history.map((h) => ({ ...h, complaintId: c.id, at: rec.now, actorId: ACTOR })),
    );
    await this.events.publishAll(em, rec.events);
  }
}

function tally(effects: readonly SweepEffect[]): SweepCounts {
  const counts: SweepCounts = { warned: 0, breached: 0, escalated: 0, autoClosed: 0 };
  for (const e of effects) {
    switch (e.kind) {
      case 'warned':
        counts.warned++;
        break;
      case 'breached':
        counts.breached++;
        break;
      case 'escalated':
        counts.escalated++;
        break;
      case 'auto-closed':
        counts.autoClosed++;
        break;
    }
  }
  return counts;
}
