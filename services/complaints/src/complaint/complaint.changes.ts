import {
  ComplaintAlertFields,
  ComplaintDeadlineApproachingV1,
  ComplaintEscalatedV1,
  ComplaintStatus,
  ContactChannel,
  EscalationReason,
  SlaClock,
  Subjects,
} from '@cx/contracts';
import { Clock, EventPublisher, EventToPublish, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ComplaintEntity } from './complaint.entity';
import { ComplaintError } from './complaint.errors';
import { ComplaintRepository, HistoryEntry } from './complaint.repository';

/** What a change to one complaint records besides the row itself. */
export class ChangeRecorder {
  readonly history: Omit<HistoryEntry, 'complaintId' | 'at' | 'actorId'>[] = [];
  readonly events: EventToPublish[] = [];

  constructor(
    private readonly complaint: ComplaintEntity,
    readonly now: Date,
  ) {}

  note(
    action: string,
    details: Record<string, unknown> = {},
    fromStatus?: ComplaintStatus,
    toStatus?: ComplaintStatus,
  ): void {
    this.history.push({ action, details, fromStatus, toStatus });
  }

  /** A change the customer sees: emits evt.complaints.complaint.updated.v1 for the notification sender. */
  tellCustomer(change: string, customerMessage?: string, contactChannel?: ContactChannel): void {
    const c = this.complaint;
    this.events.push({
      type: Subjects.complaints.complaintUpdated,
      aggregateId: c.id,
      occurredAt: this.now,
      data: {
        complaintId: c.id,
        reference: c.reference,
        ...(c.customerId ? { customerId: c.customerId } : {}),
        status: c.status,
        change,
        ...(customerMessage ? { customerMessage } : {}),
        ...(contactChannel ? { contactChannel } : {}),
        occurredAt: this.now.toISOString(),
      },
    });
  }

  /** A level of the escalation chain was reached: emits evt.complaints.complaint.escalated.v1 for the notification sender. */
  escalated(level: number, to: string, reason: EscalationReason): void {
    const c = this.complaint;
    this.events.push({
      type: Subjects.complaints.complaintEscalated,
      aggregateId: c.id,
      occurredAt: this.now,
      data: {
        ...this.alertFields(),
        level,
        to,
        reason,
        escalatedAt: this.now.toISOString(),
      } satisfies ComplaintEscalatedV1,
    });
  }

  /** An SLA deadline is near and not met: emits evt.complaints.complaint.deadline-approaching.v1 to remind the owner. */
  deadlineApproaching(clock: SlaClock, dueAt: Date): void {
    const c = this.complaint;
    this.events.push({
      type: Subjects.complaints.complaintDeadlineApproaching,
      aggregateId: c.id,
      occurredAt: this.now,
      data: {
        ...this.alertFields(),
        clock,
        dueAt: dueAt.toISOString(),
        warnedAt: this.now.toISOString(),
      } satisfies ComplaintDeadlineApproachingV1,
    });
  }

  /** Which complaint a staff alert is about and who answers for it. */
  private alertFields(): ComplaintAlertFields {
    const c = this.complaint;
    return {
      complaintId: c.id,
      reference: c.reference,
      ...(c.storeId ? { storeId: c.storeId } : {}),
      ownerId: c.ownerId,
      ...(c.department ? { department: c.department } : {}),
      priority: c.priority,
    };
  }

  emit(event: EventToPublish): void {
    this.events.push(event);
  }
}

/**
 * The one way to change an existing complaint: lock its row, apply the change, save it, and append
 * the history rows and events it produced, all in one transaction.
 */
@Injectable()
export class ComplaintChanges {
  constructor(
    private readonly tx: Transactions,
    private readonly complaints: ComplaintRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  apply<R>(
    id: string,
    actorId: string,
    change: (c: ComplaintEntity, rec: ChangeRecorder, em: EntityManager) => Promise<R> | R,
  ): Promise<R> {
    return this.tx.run((em) => this.applyIn(em, id, actorId, change));
  }

  /** The same inside a transaction the caller already holds (event handlers). */
  async applyIn<R>(
    em: EntityManager,
    id: string,
    actorId: string,
    change: (c: ComplaintEntity, rec: ChangeRecorder, em: EntityManager) => Promise<R> | R,
  ): Promise<R> {
    const complaint = await this.complaints.lockById(em, id);
    if (!complaint) throw ComplaintError.notFound(id);
    const now = this.clock.now();
    const rec = new ChangeRecorder(complaint, now);
    const result = await change(complaint, rec, em);
    complaint.updatedAt = now;
    await this.complaints.save(em, complaint);
    await this.complaints.addHistory(
      em,
      ...rec.history.map((h) => ({ ...h, complaintId: id, at: now, actorId })),
    );
    await this.events.publishAll(em, rec.events);
    return result;
  }
}
