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
import { NotificationRepository, NotificationRequestRow } from './notification.repository';
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

type Resolved =
  | { kind: 'address'; channel: NotificationChannel; to: string | null; language?: string }
  | { kind: 'no-contact'; why: string };

/**
 * Sends the notifications a service's own events asked for (ADR 31): claims due requests (SKIP
 * LOCKED, replicas share them), asks crm or training for the recipient's contact for this one
 * purpose, and sends through the `Notifier`, which records the delivery. The contact lives for the
 * one send. A round that could not reach crm/training, or whose tries all failed, is tried again
 * later, up to MAX_ROUNDS; the delivery log row is the same each time (keyed by the request).
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
    const counts: DispatchCounts = {
      claimed: 0,
      sent: 0,
      notSent: 0,
      bounced: 0,
      noContact: 0,
      postponed: 0,
      failed: 0,
    };
    for (;;) {
      const batch = await this.requests.claimDue(now, BATCH, STALE_CLAIM_MS);
      counts.claimed += batch.length;
      for (const r of batch) await this.dispatch(r, now, counts);
      if (batch.length < BATCH) return counts;
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

  private async dispatch(r: NotificationRequestRow, now: Date, counts: DispatchCounts): Promise<void> {
    const template = this.templates.get(r.template);
    if (!template) {
      counts.failed++;
      return this.requests.finish(r.id, 'failed', null, `no template ${r.template} in this version`, now);
    }
    let resolved: Resolved;
    try {
      resolved = await this.resolve(r);
    } catch (e) {
      return this.later(
        r,
        now,
        null,
        `contact lookup: ${e instanceof Error ? e.message : String(e)}`,
        counts,
      );
    }
    if (resolved.kind === 'no-contact') {
      counts.noContact++;
      return this.requests.finish(r.id, 'no-contact', null, resolved.why, now);
    }
    const delivery = await this.notifier.send({
      channel: resolved.channel,
      to: resolved.to,
      template,
      language: templateLanguage(template, resolved.language),
      params: r.params ?? {},
      about: { type: r.aboutType, id: r.aboutId },
      key: `notification-request:${r.id}`,
    });
    if (delivery.status === 'failed')
      return this.later(r, now, delivery.id, delivery.lastError ?? 'failed', counts);
    counts[delivery.status === 'sent' ? 'sent' : delivery.status === 'bounced' ? 'bounced' : 'notSent']++;
    await this.requests.finish(r.id, delivery.status, delivery.id, delivery.lastError, now);
  }

  private async later(
    r: NotificationRequestRow,
    now: Date,
    deliveryId: string | null,
    note: string,
    counts: DispatchCounts,
  ): Promise<void> {
    if (r.rounds + 1 >= MAX_ROUNDS) {
      counts.failed++;
      return this.requests.finish(r.id, 'failed', deliveryId, note, now);
    }
    counts.postponed++;
    const due = new Date(now.getTime() + ROUND_DELAY_MS * 2 ** r.rounds);
    await this.requests.reschedule(r.id, due, deliveryId, note, now);
  }

  /** The channel and address for this one send (never stored), or why there is none. */
  private async resolve(r: NotificationRequestRow): Promise<Resolved> {
    // Nothing could be sent: no personal data is read for it (recorded as not sent by the notifier).
    if (!this.notifier.configured('email') && !this.notifier.configured('webhook'))
      return { kind: 'address', channel: 'email', to: null };
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
