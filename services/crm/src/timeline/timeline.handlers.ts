import {
  ComplaintCreatedV1,
  ComplaintResolvedV1,
  CustomerTierChangedV1,
  PurchaseRecordedV1,
  RepairCompletedV1,
  ResponseSubmittedV1,
  Subjects,
} from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import {
  complaintCreatedFact,
  complaintResolvedFact,
  purchaseFact,
  repairCompletedFact,
  surveyAnsweredFact,
  tierChangedFact,
  type TimelineFact,
} from './timeline.rules';
import { TimelineService } from './timeline.service';

/**
 * Feeds the timeline from the other services' events and from crm's own (its stream is consumed like
 * any other: durable crm__crm). A service has one handler per subject (the transport refuses a second),
 * so evt.aftersales.return.completed.v1, handled by purchases for the refund, reaches the timeline through
 * TimelineService.record from that handler. The handlers here are projections that only insert, so they
 * are write-only: a lane's batch is applied with its inbox rows in one round trip (ADR 10; crm's own
 * purchase.recorded arrives 500 at a time from a bulk ingest, docs/benchmarks.md).
 */
@Controller()
export class TimelineHandlers {
  constructor(private readonly timeline: TimelineService) {}

  @OnEvent(Subjects.crm.purchaseRecorded, { writeOnly: true })
  onPurchase(data: PurchaseRecordedV1, ctx: EventContext): void {
    this.write(ctx, purchaseFact(data, ctx.envelope.aggregateId));
  }

  @OnEvent(Subjects.crm.customerTierChanged, { writeOnly: true })
  onTierChanged(data: CustomerTierChangedV1, ctx: EventContext): void {
    this.write(ctx, tierChangedFact(data));
  }

  @OnEvent(Subjects.complaints.complaintCreated, { writeOnly: true })
  onComplaintCreated(data: ComplaintCreatedV1, ctx: EventContext): void {
    this.write(ctx, complaintCreatedFact(data));
  }

  @OnEvent(Subjects.complaints.complaintResolved, { writeOnly: true })
  onComplaintResolved(data: ComplaintResolvedV1, ctx: EventContext): void {
    this.write(ctx, complaintResolvedFact(data));
  }

  @OnEvent(Subjects.aftersales.repairCompleted, { writeOnly: true })
  onRepairCompleted(data: RepairCompletedV1, ctx: EventContext): void {
    this.write(ctx, repairCompletedFact(data));
  }

  @OnEvent(Subjects.surveys.responseSubmitted, { writeOnly: true })
  onSurveyAnswered(data: ResponseSubmittedV1, ctx: EventContext): void {
    this.write(ctx, surveyAnsweredFact(data));
  }

  private write(ctx: EventContext, fact: TimelineFact | null): void {
    const statement = this.timeline.recordStatement(fact);
    if (statement) ctx.write(statement.sql, statement.params);
  }
}
