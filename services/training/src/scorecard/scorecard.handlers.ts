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
import { ScorecardIngest } from './scorecard.ingest';
import { ScorecardRepository } from './scorecard.repository';

/** Events from surveys, complaints and crm that feed the scorecards, each in its inbox transaction. */
@Controller()
export class ScorecardHandlers {
  constructor(
    private readonly ingest: ScorecardIngest,
    private readonly scorecards: ScorecardRepository,
  ) {}

  @OnEvent(Subjects.surveys.responseSubmitted)
  async onResponse(data: ResponseSubmittedV1, ctx: EventContext): Promise<void> {
    await this.ingest.response(ctx.em, data);
  }

  @OnEvent(Subjects.surveys.auditCompleted)
  async onAudit(data: AuditCompletedV1, ctx: EventContext): Promise<void> {
    await this.ingest.audit(ctx.em, data);
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
    await this.ingest.slaBreached(ctx.em, data);
  }

  /** Customer references copied from events are scrubbed (the scores stay, they are not personal). */
  @OnEvent(Subjects.crm.customerErased)
  async onCustomerErased(data: CustomerErasedV1, ctx: EventContext): Promise<void> {
    await this.scorecards.eraseCustomer(ctx.em, data.customerId);
  }
}
