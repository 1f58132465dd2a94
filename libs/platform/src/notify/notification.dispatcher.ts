import { ContactPurpose, StaffContactPurpose } from '@cx/contracts';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { BaseConfig } from '../config/config';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time/durations';
import { Clock } from '../time/clock';
import { ScheduledJobs } from '../time/scheduler';
import { RpcClient } from '../messaging/rpc.client';
import type { NotificationChannel } from './delivery.rules';
import { Notifier } from './notifier';
import { customerAddresses, NotificationRule } from './notification-rules';
import { NotificationRepository, NotificationRequestRow, RequestSettlement } from './notification.repository';
import {
  CustomerDirectory,
  RpcCustomerDirectory,
  RpcStaffDirectory,
  StaffDirectory,
  staffDirectoryOf,
} from './staff-directory';
import { NotificationTemplate, templateLanguage } from './templates';

/** The service's notification rules (its definition's `notifications`). */
export const NOTIFICATION_RULES = Symbol('NOTIFICATION_RULES');

const JOB = 'platform.notification-dispatch';
const BATCH = 50;
/** A claim older than this is a crashed sender's: the request is claimed again. */
const STALE_CLAIM_MS = 10 * MINUTE_MS;
/** crm or training unreachable, or every try failed: the next round this much later, doubling. */
const ROUND_DELAY_MS = MINUTE_MS;
/** Rounds before a request is given up (each round is up to NOTIFY_MAX_ATTEMPTS tries). */
export const MAX_ROUNDS = 5;
/** Finished requests are kept this long (what became of each stays in the delivery log). */
export const DONE_REQUEST_RETENTION_MS = 30 * DAY_MS;
const PURGE_JOB = 'platform.notification-purge';
const PURGE_BATCH = 5_000;

export interface DispatchCounts {
  claimed: number;
  sent: number;
  notSent: number;
  bounced: number;
  noContact: number;
  postponed: number;
  failed: number;
}

/** One dispatch round's state: what it counts, and the settlements it writes together. */
interface Round {
  now: Date;
  counts: DispatchCounts;
  /** Neither channel configured (decided once per round): nothing is sent and no contact is read. */
  nothingSendable: boolean;
  /** Outcomes reached without sending anything, written in one statement per claimed batch. */
  unsent: RequestSettlement[];
  /** Why notifications were not sent this round, and how many: logged once per round. */
  notSent: Map<string, number>;
}

type Resolved =
  | { kind: 'address'; channel: NotificationChannel; to: string | null; language?: string }
  | { kind: 'no-contact'; why: string };

/**
 * Sends the notifications a service's own events asked for (ADR 31): claims due requests (SKIP
 * LOCKED, replicas share them), asks crm or training for the recipient's contact for this one
 * purpose, and sends through the `Notifier`, recording the delivery with its request. The contact
 * lives for the one send. A round that could not reach crm/training, or whose tries all failed, is tried again
 * later, up to MAX_ROUNDS; the delivery log row is the same each time (keyed by the request).
 *
 * Statements per notice (ADR 48): a send's delivery row and its request's change are one statement,
 * written right after the send (a crash between the two can send it again, as before; the row is never
 * written without its request's change); a request whose delivery is already sent is seen in its claim and not sent
 * again. Requests that end without a send (no channel, no contact, no template, a lookup failure)
 * cannot be sent twice, so a batch's are written together after it. "Not sent" is logged once per
 * round with a count.
 */
@Injectable()
export class NotificationDispatcher extends ScheduledJobs implements OnModuleInit {
  private readonly templates = new Map<string, NotificationTemplate>();
  private staff: StaffDirectory;
  private customers: CustomerDirectory;

  constructor(
    private readonly requests: NotificationRepository,
    private readonly notifier: Notifier,
    private readonly rpc: RpcClient,
    private readonly clock: Clock,
    config: BaseConfig,
    @Inject(NOTIFICATION_RULES) rules: NotificationRule[],
    private readonly moduleRef: ModuleRef,
  ) {
    super('NotificationDispatcher');
    for (const r of rules) for (const t of r.templates) this.templates.set(t.name, t);
    this.staff = new RpcStaffDirectory(rpc);
    this.customers = new RpcCustomerDirectory(rpc);
    if (rules.length > 0) {
      this.scheduler.every(JOB, config.NOTIFY_DISPATCH_INTERVAL_MS, () =>
        this.dispatchOnce(this.clock.now()),
      );
      this.scheduler.every(PURGE_JOB, HOUR_MS, () => this.purgeOnce(this.clock.now()));
    }
  }

  /**
   * The service's own directories when it has them (training's staff, crm's customers), else
   * training's and crm's over NATS.
   */
  onModuleInit(): void {
    this.staff = staffDirectoryOf(this.moduleRef, this.rpc);
    try {
      this.customers = this.moduleRef.get(CustomerDirectory, { strict: false });
    } catch {
      // no local directory: keep asking crm
    }
  }

  async dispatchOnce(now: Date): Promise<DispatchCounts> {
    const round: Round = {
      now,
      counts: { claimed: 0, sent: 0, notSent: 0, bounced: 0, noContact: 0, postponed: 0, failed: 0 },
      nothingSendable: !this.notifier.configured('email') && !this.notifier.configured('webhook'),
      unsent: [],
      notSent: new Map(),
    };
    try {
      for (;;) {
        const batch = await this.requests.claimDue(now, BATCH, STALE_CLAIM_MS);
        round.counts.claimed += batch.length;
        try {
          for (const r of batch) await this.dispatch(r, round);
        } finally {
          // Also when a send threw: the batch's other outcomes stand (the rest is claimed again later).
          await this.requests.settle(round.unsent.splice(0), now);
        }
        if (batch.length < BATCH) return round.counts;
      }
    } finally {
      for (const [why, n] of round.notSent) this.log.warn(`${n} notification(s) not sent: ${why}`);
    }
  }

  /** Removes requests finished more than DONE_REQUEST_RETENTION_MS before `now`; replicas skip each other's rows. */
  async purgeOnce(now: Date): Promise<number> {
    const before = new Date(now.getTime() - DONE_REQUEST_RETENTION_MS);
    let total = 0;
    for (;;) {
      const removed = await this.requests.purgeDone(before, PURGE_BATCH);
      total += removed;
      if (removed < PURGE_BATCH) return total;
    }
  }

  private async dispatch(r: NotificationRequestRow, round: Round): Promise<void> {
    const { counts } = round;
    if (r.delivered) {
      counts[r.delivered.status === 'sent' ? 'sent' : 'bounced']++;
      return this.finish(round, r, r.delivered.status, r.delivered.lastError, { deliveryId: r.delivered.id });
    }
    const template = this.templates.get(r.template);
    if (!template) {
      counts.failed++;
      return this.finish(round, r, 'failed', `no template ${r.template} in this version`);
    }
    let resolved: Resolved;
    try {
      resolved = round.nothingSendable
        ? { kind: 'address', channel: 'email', to: null }
        : await this.resolve(r);
    } catch (e) {
      return this.later(r, round, `contact lookup: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (resolved.kind === 'no-contact') {
      counts.noContact++;
      return this.finish(round, r, 'no-contact', resolved.why);
    }
    const tried = await this.notifier.attempt({
      channel: resolved.channel,
      to: resolved.to,
      template,
      language: templateLanguage(template, resolved.language),
      params: r.params ?? {},
      about: { type: r.aboutType, id: r.aboutId },
    });
    const delivery = {
      channel: resolved.channel,
      template: template.name,
      language: tried.language,
      status: tried.status,
      attempts: tried.attempts,
      lastError: tried.lastError,
      aboutType: r.aboutType,
      aboutId: r.aboutId,
    };
    if (tried.status === 'not-sent') {
      counts.notSent++;
      const why = tried.lastError ?? 'not sent';
      round.notSent.set(why, (round.notSent.get(why) ?? 0) + 1);
      return this.finish(round, r, 'not-sent', tried.lastError, { delivery });
    }
    if (tried.status !== 'sent')
      this.log.warn(
        `${template.name} about ${r.aboutType} ${r.aboutId}: ${tried.status} (${tried.lastError ?? ''})`,
      );
    if (tried.status === 'failed') return this.later(r, round, tried.lastError ?? 'failed', delivery);
    counts[tried.status]++;
    return this.finish(round, r, tried.status, tried.lastError, { delivery });
  }

  /**
   * Ends `r` with `outcome`. With a delivery that was tried (attempts > 0) the row and the request
   * are written now, one statement right after the send; anything else waits for the batch's statement.
   */
  private finish(
    round: Round,
    r: NotificationRequestRow,
    outcome: RequestSettlement['outcome'],
    note: string | null,
    written: Pick<RequestSettlement, 'delivery' | 'deliveryId'> = {},
  ): Promise<void> {
    return this.settle(round, { id: r.id, outcome, note, ...written });
  }

  private later(
    r: NotificationRequestRow,
    round: Round,
    note: string,
    delivery?: RequestSettlement['delivery'],
  ): Promise<void> {
    if (r.rounds + 1 >= MAX_ROUNDS) {
      round.counts.failed++;
      return this.finish(round, r, 'failed', note, { delivery });
    }
    round.counts.postponed++;
    const dueAt = new Date(round.now.getTime() + ROUND_DELAY_MS * 2 ** r.rounds);
    return this.settle(round, { id: r.id, outcome: null, dueAt, note, delivery });
  }

  private async settle(round: Round, s: RequestSettlement): Promise<void> {
    if (s.delivery && s.delivery.attempts > 0) await this.requests.settle([s], round.now);
    else round.unsent.push(s);
  }

  /**
   * The channel and address for this one send (never stored), or why there is none. Not called when
   * nothing could be sent: no personal data is read for it (recorded as not sent).
   */
  private async resolve(r: NotificationRequestRow): Promise<Resolved> {
    if (r.recipientKind === 'staff') {
      const c = await this.staff.contact(r.recipientId, r.purpose as StaffContactPurpose);
      if (!c) return { kind: 'no-contact', why: 'employee unknown to training' };
      if (!c.active) return { kind: 'no-contact', why: 'employee has left' };
      return { kind: 'address', channel: 'email', to: c.workEmail ?? null, language: c.language };
    }
    const c = await this.customers.contact(r.recipientId, r.purpose as ContactPurpose);
    if (!c) return { kind: 'no-contact', why: 'customer unknown to crm or erased' };
    const candidates = customerAddresses(c);
    // The best address whose channel is configured; none: the notifier records why it was not sent.
    const address = candidates.find((a) => this.notifier.configured(a.channel)) ?? candidates[0];
    return address
      ? { kind: 'address', ...address, language: c.language }
      : { kind: 'address', channel: 'email', to: null, language: c.language };
  }
}
