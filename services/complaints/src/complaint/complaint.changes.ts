import { ComplaintStatus, ContactChannel } from '@cx/contracts';
import { Clock, EventPublisher, EventToPublish, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ComplaintEntity } from './complaint.entity';
import { ComplaintError } from './complaint.errors';
import { complaintUpdated } from './complaint.events';
import { ComplaintRepository, HistoryEntry } from './complaint.repository';

/** What a change to one complaint records besides the row itself: history rows and events (complaint.events.ts). */
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

  emit(event: EventToPublish): void {
    this.events.push(event);
  }

  /** A change the customer sees: evt.complaints.complaint.updated.v1 for the notification sender. */
  tellCustomer(change: string, customerMessage?: string, contactChannel?: ContactChannel): void {
    this.emit(complaintUpdated(this.complaint, this.now, change, customerMessage, contactChannel));
  }
}

type Change<R> = (c: ComplaintEntity, rec: ChangeRecorder, em: EntityManager) => Promise<R> | R;

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

  apply<R>(id: string, actorId: string, change: Change<R>): Promise<R> {
    return this.tx.run((em) => this.applyIn(em, id, actorId, change));
  }

  /** The same inside a transaction the caller already holds (event handlers). */
  async applyIn<R>(em: EntityManager, id: string, actorId: string, change: Change<R>): Promise<R> {
    const complaint = await this.complaints.lockById(em, id);
    if (!complaint) throw ComplaintError.notFound(id);
    return this.applyToLocked(em, complaint, actorId, change);
  }

  /**
   * The same for a row the caller has already read and locked in `em` (the sweeper's batches claim
   * theirs with FOR UPDATE SKIP LOCKED), at `now` (a sweep's own time; default the clock's).
   */
  async applyToLocked<R>(
    em: EntityManager,
    complaint: ComplaintEntity,
    actorId: string,
    change: Change<R>,
    now: Date = this.clock.now(),
  ): Promise<R> {
    const rec = new ChangeRecorder(complaint, now);
    const before = this.complaints.snapshot(complaint);
    const result = await change(complaint, rec, em);
    complaint.updatedAt = now;
    await this.complaints.save(em, complaint, before);
    await this.complaints.addHistory(
      em,
      ...rec.history.map((h) => ({ ...h, complaintId: complaint.id, at: now, actorId })),
    );
    await this.events.publishAll(em, rec.events);
    return result;
  }
}
