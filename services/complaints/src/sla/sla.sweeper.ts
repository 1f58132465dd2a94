import { Clock, DAY_MS, MINUTE_MS, ScheduledJobs, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChangeRecorder, ComplaintChanges } from '../complaint/complaint.changes';
import { ComplaintEntity } from '../complaint/complaint.entity';
import { autoClosedMessage, deadlineApproaching, slaBreached } from '../complaint/complaint.events';
import { ComplaintRepository } from '../complaint/complaint.repository';
import { ComplaintService } from '../complaint/complaint.service';
import { ComplaintsConfig } from '../config';
import { ComplaintPolicyEntity, EscalationStep } from '../policy/policy.entity';
import { PolicyService } from '../policy/policy.service';
import { CLOCK_CAUSE, EscalationDue, escalationsDue, markClock, runningClocks } from './complaint-clocks';
import { deadlinePassed, warningDue } from './sla-clock';
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
/** Keeps one tick bounded when there is a backlog; the next tick carries on where this one stopped. */
const MAX_BATCHES_PER_PHASE = 20;

/**
 * The SLA sweeper: every SLA_SWEEP_INTERVAL_MS it marks breaches (with their sla-breached event and
 * the escalation they bring), raises escalation levels as their times come, warns before deadlines,
 * and closes complaints quiet in "resolved" past the policy's days.
 *
 * Every replica runs it. Each batch claims its rows with FOR UPDATE SKIP LOCKED and commits each
 * change through ComplaintChanges (the row, its history and its events) in the batch's transaction, so
 * replicas share the work, and a row once handled no longer matches: a breach is marked, and its event
 * written, exactly once. Closing goes through ComplaintService.transition, like every status change.
 */
@Injectable()
export class SlaSweeper extends ScheduledJobs {
  constructor(
    private readonly tx: Transactions,
    private readonly complaints: ComplaintRepository,
    private readonly changes: ComplaintChanges,
    private readonly lifecycle: ComplaintService,
    private readonly policies: PolicyService,
    private readonly clock: Clock,
    private readonly config: ComplaintsConfig,
    private readonly metrics: SlaMetrics,
  ) {
    super('SlaSweeper');
    this.scheduler.every(JOB, config.SLA_SWEEP_INTERVAL_MS, (signal) => this.sweep(this.clock.now(), signal));
  }

  /** One sweep now (tests, ops); `now` defaults to the clock. */
  sweepOnce(now: Date = this.clock.now()): Promise<SweepCounts> {
    return this.sweep(now);
  }

  private async sweep(now: Date, signal?: AbortSignal): Promise<SweepCounts> {
    const policy = await this.policies.policy();
    const chain = this.lifecycle.chainOf(policy);
    // Breaches first, so that the escalation a breach brings travels in its event.
    const effects = [
      ...(await this.drain((em) => this.breach(em, chain, now), signal)),
      ...(await this.drain((em) => this.escalate(em, chain, now), signal)),
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

  /** One claimed row changed as every complaint is (ComplaintChanges), at the sweep's time. */
  private change(
    em: EntityManager,
    c: ComplaintEntity,
    now: Date,
    change: (c: ComplaintEntity, rec: ChangeRecorder, em: EntityManager) => Promise<void> | void,
  ): Promise<void> {
    return this.changes.applyToLocked(em, c, ACTOR, change, now);
  }

  private async breach(em: EntityManager, chain: EscalationStep[], now: Date): Promise<Batch> {
    const rows = await this.complaints.claimDueForBreach(em, now, this.config.SLA_SWEEP_BATCH);
    const effects: SweepEffect[] = [];
    for (const row of rows) {
      const breached = runningClocks(row).filter(
        (k) => k.breachedAt === null && deadlinePassed(k.dueAt, now),
      );
      if (breached.length === 0) continue;
      await this.change(em, row, now, (c, rec) => {
        for (const k of breached) {
          markClock(c, k.clock, 'breachedAt', now);
          rec.note('sla-breached', { clock: k.clock, dueAt: k.dueAt.toISOString() });
          effects.push({ kind: 'breached', clock: k.clock });
        }
        effects.push(...this.raise(c, rec, escalationsDue(c, chain, now)));
        for (const k of breached)
          rec.emit(slaBreached(c, now, k.clock, k.dueAt, c.escalationLevels[CLOCK_CAUSE[k.clock]] ?? 0));
      });
    }
    return { claimed: rows.length, effects };
  }

  private async escalate(em: EntityManager, chain: EscalationStep[], now: Date): Promise<Batch> {
    const rows = await this.complaints.claimDueForEscalation(em, now, chain, this.config.SLA_SWEEP_BATCH);
    const effects: SweepEffect[] = [];
    for (const row of rows) {
      const due = escalationsDue(row, chain, now);
      if (due.length === 0) continue;
      await this.change(em, row, now, (c, rec) => {
        effects.push(...this.raise(c, rec, due));
      });
    }
    return { claimed: rows.length, effects };
  }

  private async warn(em: EntityManager, policy: ComplaintPolicyEntity, now: Date): Promise<Batch> {
    const lead = policy.warningLeadMinutes;
    const rows = await this.complaints.claimDueForWarning(
      em,
      now,
      new Date(now.getTime() + lead * MINUTE_MS),
      this.config.SLA_SWEEP_BATCH,
    );
    const effects: SweepEffect[] = [];
    for (const row of rows) {
      const due = runningClocks(row).filter(
        (k) => k.warnedAt === null && k.breachedAt === null && warningDue(k.dueAt, lead, now),
      );
      if (due.length === 0) continue;
      await this.change(em, row, now, (c, rec) => {
        for (const k of due) {
          markClock(c, k.clock, 'warnedAt', now);
          rec.note('sla-warning', { clock: k.clock, dueAt: k.dueAt.toISOString() });
          rec.emit(deadlineApproaching(c, now, k.clock, k.dueAt));
          effects.push({ kind: 'warned', clock: k.clock });
        }
      });
    }
    return { claimed: rows.length, effects };
  }

  private async autoClose(em: EntityManager, policy: ComplaintPolicyEntity, now: Date): Promise<Batch> {
    const days = policy.autoCloseDays;
    const rows = await this.complaints.claimDueForAutoClose(
      em,
      new Date(now.getTime() - days * DAY_MS),
      this.config.SLA_SWEEP_BATCH,
    );
    for (const row of rows)
      await this.change(em, row, now, (c, rec, em) =>
        this.lifecycle.transition(em, c, rec, 'closed', {
          actorId: ACTOR,
          message: autoClosedMessage(c, days),
          as: {
            action: 'auto-closed',
            details: { resolvedAt: c.resolvedAt?.toISOString(), quietDays: days },
            change: 'auto-closed',
          },
        }),
      );
    return { claimed: rows.length, effects: rows.map(() => ({ kind: 'auto-closed' }) as const) };
  }

  /** Raises each clock's cause to the level its deadline has reached: one history entry and event per level. */
  private raise(c: ComplaintEntity, rec: ChangeRecorder, due: readonly EscalationDue[]): SweepEffect[] {
    for (const d of due) this.lifecycle.raiseLevels(c, rec, d.cause, d.steps, { clock: d.clock });
    return due.flatMap((d) => d.steps.map((s) => ({ kind: 'escalated', level: s.level }) as const));
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
