import { ComplaintStatus, ContactChannel } from '@cx/contracts';
import { Clock, EventPublisher, EventToPublish, Transactions, writeTogether } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ComplaintEntity, SlaPauseEntity } from './complaint.entity';
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
    /** The complaint's pauses as read with its lock, for the first read of the change (takePauses). */
    private knownPauses?: SlaPauseEntity[],
  ) {}

  /**
   * The pauses read with the lock, once: a change that pauses or resumes writes them, so a second
   * look in the same change reads them again.
   */
  takePauses(): SlaPauseEntity[] | undefined {
    const known = this.knownPauses;
    this.knownPauses = undefined;
    return known;
  }

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
 * the history rows and events it produced, all in one transaction; the last three as one statement
 * (writeTogether), after the notification rules have read what they need.
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
    const locked = await this.complaints.lockWithPauses(em, id);
    if (!locked) throw ComplaintError.notFound(id);
    return this.applyToLocked(em, locked.complaint, actorId, change, this.clock.now(), locked.pauses);
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
    /** Its pauses, when read with the lock (lockWithPauses). */
    pauses?: SlaPauseEntity[],
  ): Promise<R> {
    const rec = new ChangeRecorder(complaint, now, pauses);
    const before = this.complaints.snapshot(complaint);
    const result = await change(complaint, rec, em);
    complaint.updatedAt = now;
    // The notification rules' reads (a store's zone) run first; then the row, its history, its events
    // and their notification requests go as one statement instead of four round trips, each of which
    // holds a pooled connection and the row's lock while it waits for a core on a busy machine.
    const events = await this.events.prepare(em, rec.events);
    await writeTogether(em, async (w) => {
      await this.complaints.save(w, complaint, before);
      await this.complaints.addHistory(
        w,
        ...rec.history.map((h) => ({ ...h, complaintId: complaint.id, at: now, actorId })),
      );
      await events.write(w);
    });
    return result;
  }
}
