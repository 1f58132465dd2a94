import {
  AuditCompletedV1,
  ComplaintCreatedV1,
  ComplaintResolvedV1,
  ComplaintSlaBreachedV1,
  CustomerErasedV1,
  ResponseSubmittedV1,
  Subjects,
} from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { RemedialService } from '../remedial/remedial.service';
import { ScorecardIngest } from './scorecard.ingest';
import { ScorecardRepository } from './scorecard.repository';

/**
 * Events from surveys, complaints and crm that feed the scorecards and remedial training, each in its
 * inbox transaction (one handler per subject: both features are called from it).
 */
@Controller()
export class ScorecardHandlers {
  constructor(
    private readonly ingest: ScorecardIngest,
    private readonly scorecards: ScorecardRepository,
    private readonly remedial: RemedialService,
  ) {}

  @OnEvent(Subjects.surveys.responseSubmitted)
  async onResponse(data: ResponseSubmittedV1, ctx: EventContext): Promise<void> {
    const month = await this.ingest.response(ctx.em, data);
    await this.remedial.afterResponse(ctx.em, data.employeeId, month);
  }

  @OnEvent(Subjects.surveys.auditCompleted)
  async onAudit(data: AuditCompletedV1, ctx: EventContext): Promise<void> {
    await this.ingest.audit(ctx.em, data);
    await this.remedial.afterAudit(ctx.em, data);
  }

  @OnEvent(Subjects.complaints.complaintCreated)
  async onComplaintCreated(data: ComplaintCreatedV1, ctx: EventContext): Promise<void> {
    await this.ingest.complaintCreated(ctx.em, data);
  }

  @OnEvent(Subjects.complaints.complaintResolved)
  async onComplaintResolved(data: ComplaintResolvedV1, ctx: EventContext): Promise<void> {
    await this.ingest.complaintResolved(ctx.em, data);
  }

  @OnEvent(Subjects.complaints.complaintSlaBreached)
  async onSlaBreached(data: ComplaintSlaBreachedV1, ctx: EventContext): Promise<void> {
    const { month, employeeId } = await this.ingest.slaBreached(ctx.em, data);
    await this.remedial.afterBreach(ctx.em, employeeId, month);
  }

  /** Customer references copied from events are scrubbed (the scores stay, they are not personal). */
  @OnEvent(Subjects.crm.customerErased)
  async onCustomerErased(data: CustomerErasedV1, ctx: EventContext): Promise<void> {
    await this.scorecards.eraseCustomer(ctx.em, data.customerId);
  }
}
