import {
  AuditCompletedV1,
  ComplaintCreatedV1,
  ComplaintResolvedV1,
  ComplaintSlaBreachedV1,
  CustomerErasedV1,
  PurchaseRecordedV1,
  ResponseSubmittedV1,
  Subjects,
} from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { RemedialService } from '../remedial/remedial.service';
import { ScorecardIngest } from './scorecard.ingest';
import { ScorecardRepository } from './scorecard.repository';

/**
 * Events from surveys, complaints and crm that feed the scorecards and remedial training, each with its
 * inbox row (one handler per subject: both features are called from it). The scorecard handlers are
 * write-only as long as an event needs no read (ADR 0026): a lane's batch of them costs one round trip;
 * an event that needs one (an employee's store of the time, a remedial course mapped to its cause) uses
 * `ctx.em`, and the transport applies its batch in a transaction instead.
 */
@Controller()
export class ScorecardHandlers {
  constructor(
    private readonly ingest: ScorecardIngest,
    private readonly scorecards: ScorecardRepository,
    private readonly remedial: RemedialService,
  ) {}

  @OnEvent(Subjects.surveys.responseSubmitted, { writeOnly: true })
  async onResponse(data: ResponseSubmittedV1, ctx: EventContext): Promise<void> {
    const month = await this.ingest.response(ctx, data);
    await this.remedial.afterResponse(ctx, data.employeeId, month);
  }

  /**
   * Remedial enrolment first: when a course is mapped to a failed item it needs `ctx.em`, and finding
   * that out before the fact is built spares the write-only attempt the batch then abandons (the two
   * are independent: enrolments read no facts).
   */
  @OnEvent(Subjects.surveys.auditCompleted, { writeOnly: true })
  async onAudit(data: AuditCompletedV1, ctx: EventContext): Promise<void> {
    await this.remedial.afterAudit(ctx, data);
    await this.ingest.audit(ctx, data);
  }

  @OnEvent(Subjects.complaints.complaintCreated, { writeOnly: true })
  async onComplaintCreated(data: ComplaintCreatedV1, ctx: EventContext): Promise<void> {
    await this.ingest.complaintCreated(ctx, data);
  }

  @OnEvent(Subjects.complaints.complaintResolved, { writeOnly: true })
  async onComplaintResolved(data: ComplaintResolvedV1, ctx: EventContext): Promise<void> {
    await this.ingest.complaintResolved(ctx, data);
    await this.remedial.afterComplaintResolved(ctx, data);
  }

  @OnEvent(Subjects.complaints.complaintSlaBreached, { writeOnly: true })
  async onSlaBreached(data: ComplaintSlaBreachedV1, ctx: EventContext): Promise<void> {
    const { month, employeeId } = await this.ingest.slaBreached(ctx, data);
    await this.remedial.afterBreach(ctx, employeeId, month);
  }

  /** Sales, for the seller (when named) and the store. */
  @OnEvent(Subjects.crm.purchaseRecorded, { writeOnly: true })
  async onPurchase(data: PurchaseRecordedV1, ctx: EventContext): Promise<void> {
    await this.ingest.purchase(ctx, data);
  }

  /** Customer references copied from events are scrubbed (the scores stay, they are not personal). */
  @OnEvent(Subjects.crm.customerErased)
  async onCustomerErased(data: CustomerErasedV1, ctx: EventContext): Promise<void> {
    await this.scorecards.eraseCustomer(ctx.em, data.customerId);
  }
}
