import {
  AuditCompletedV1,
  ComplaintCreatedV1,
  ComplaintResolvedV1,
  ComplaintSlaBreachedV1,
  PurchaseRecordedV1,
  ResponseSubmittedV1,
} from '@cx/contracts';
import { EventContext } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { ScorecardFacts } from './scorecard.facts';
import { ScorecardRepository } from './scorecard.repository';

/**
 * What other services' events mean for scorecards, written with the handler's inbox row (the same event
 * delivered twice is counted once): in its transaction, or queued for the lane's batch on the write-only
 * path (ADR 0026). Returns the fact's month.
 */
@Injectable()
export class ScorecardIngest {
  constructor(
    private readonly facts: ScorecardFacts,
    private readonly scorecards: ScorecardRepository,
  ) {}

  /** A survey answer: satisfied or not, for the employee captured at invitation and the store. */
  response(ctx: EventContext, d: ResponseSubmittedV1): Promise<string | null> {
    if (!d.employeeId && !d.storeId) return Promise.resolve(null);
    return this.facts.record(ctx, {
      kind: 'response',
      employeeIds: d.employeeId ? [d.employeeId] : [],
      storeId: d.storeId ?? null,
      occurredAt: new Date(d.submittedAt),
      value: d.satisfied ? 1 : 0,
      sourceId: d.responseId,
      customerId: d.customerId ?? null,
    });
  }

  /** A mystery-shopper audit: its score for the store and each employee observed. */
  audit(ctx: EventContext, d: AuditCompletedV1): Promise<string> {
    return this.facts.record(ctx, {
      kind: 'audit',
      employeeIds: d.employeeIds,
      storeId: d.storeId,
      occurredAt: new Date(d.completedAt),
      value: d.scorePct,
      sourceId: d.auditId,
    });
  }

  /** A complaint about an employee or store counts against them; its deadline is kept for the resolution. */
  async complaintCreated(ctx: EventContext, d: ComplaintCreatedV1): Promise<string | null> {
    await this.scorecards.run(ctx, [
      this.scorecards.complaintCopyStatement({
        complaintId: d.complaintId,
        employeeId: d.employeeId ?? null,
        storeId: d.storeId ?? null,
        receivedAt: new Date(d.receivedAt),
        resolutionDueAt: new Date(d.resolutionDueAt),
        resolutionBreached: false,
        customerId: d.customerId ?? null,
      }),
    ]);
    if (!d.employeeId && !d.storeId) return null;
    return this.facts.record(ctx, {
      kind: 'complaint',
      employeeIds: d.employeeId ? [d.employeeId] : [],
      storeId: d.storeId ?? null,
      occurredAt: new Date(d.receivedAt),
      value: 1,
      sourceId: d.complaintId,
      customerId: d.customerId ?? null,
    });
  }

  /**
   * A resolution, credited to the owner who handled it: hours from receipt, and whether it was within
   * the resolution SLA (not breached, and by its deadline). A resolution whose creation never arrived
   * counts with unknown timing (no hours, not within SLA).
   */
  async complaintResolved(ctx: EventContext, d: ComplaintResolvedV1): Promise<string> {
    const resolvedAt = new Date(d.resolvedAt);
    return this.facts.record(ctx, {
      kind: 'resolution',
      employeeIds: [d.ownerId],
      // Without a store in the event, the complaint's (a read: the batch takes a transaction).
      storeId: d.storeId ?? (await this.scorecards.storeOfComplaint(ctx.em, d.complaintId)),
      occurredAt: resolvedAt,
      value: null,
      resolution: { complaintId: d.complaintId, resolvedAt },
      sourceId: d.complaintId,
      customerId: d.customerId ?? null,
    });
  }

  /**
   * A purchase: its paid amount for the store, and for the employee who sold it when crm names one
   * (`salesEmployeeId`). No customer is copied: sales figures need none.
   */
  purchase(ctx: EventContext, d: PurchaseRecordedV1): Promise<string> {
    return this.facts.record(ctx, {
      kind: 'sale',
      employeeIds: d.salesEmployeeId ? [d.salesEmployeeId] : [],
      storeId: d.storeId,
      occurredAt: new Date(d.purchasedAt),
      value: d.paidAmountMinor,
      sourceId: d.orderId,
    });
  }

  /** A missed deadline, against the owner (or, without one, the employee complained about) and the store. */
  async slaBreached(
    ctx: EventContext,
    d: ComplaintSlaBreachedV1,
  ): Promise<{ month: string; employeeId: string | null }> {
    if (d.clock === 'resolution')
      await this.scorecards.run(ctx, [this.scorecards.resolutionBreachedStatement(d.complaintId)]);
    const employeeId = d.ownerId ?? d.employeeId ?? null;
    const month = await this.facts.record(ctx, {
      kind: 'breach',
      employeeIds: employeeId ? [employeeId] : [],
      storeId: d.storeId ?? null,
      occurredAt: new Date(d.breachedAt),
      value: 1,
      sourceId: d.complaintId,
    });
    return { month, employeeId };
  }
}
