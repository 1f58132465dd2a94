import {
  ComplaintCreatedV1,
  ComplaintResolvedV1,
  CustomerTierChangedV1,
  RepairCompletedV1,
  ResponseSubmittedV1,
  Subjects,
} from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import {
  complaintCreatedFact,
  complaintResolvedFact,
  repairCompletedFact,
  surveyAnsweredFact,
  tierChangedFact,
} from './timeline.rules';
import { TimelineService } from './timeline.service';

/**
 * Feeds the timeline from the other services' events and from crm's own tier changes (its stream is
 * consumed like any other: durable crm__crm). crm's purchases are not copied: the timeline reads them
 * from the purchase table (ADR 21). A service has one handler per subject (the transport refuses a second),
 * so evt.aftersales.return.completed.v1, handled by purchases for the refund, reaches the timeline through
 * TimelineService.record from that handler. Each handler only writes its entry (ADR 10, write-only): a
 * lane's batch of events is applied in one round trip, not a statement per event (a bulk ingest's tier
 * upgrades arrive by the hundred).
 */
@Controller()
export class TimelineHandlers {
  constructor(private readonly timeline: TimelineService) {}

  @OnEvent(Subjects.crm.customerTierChanged, { writeOnly: true })
  onTierChanged(data: CustomerTierChangedV1, ctx: EventContext): void {
    this.timeline.queue(ctx, tierChangedFact(data));
  }

  @OnEvent(Subjects.complaints.complaintCreated, { writeOnly: true })
  onComplaintCreated(data: ComplaintCreatedV1, ctx: EventContext): void {
    this.timeline.queue(ctx, complaintCreatedFact(data));
  }

  @OnEvent(Subjects.complaints.complaintResolved, { writeOnly: true })
  onComplaintResolved(data: ComplaintResolvedV1, ctx: EventContext): void {
    this.timeline.queue(ctx, complaintResolvedFact(data));
  }

  @OnEvent(Subjects.aftersales.repairCompleted, { writeOnly: true })
  onRepairCompleted(data: RepairCompletedV1, ctx: EventContext): void {
    this.timeline.queue(ctx, repairCompletedFact(data));
  }

  @OnEvent(Subjects.surveys.responseSubmitted, { writeOnly: true })
  onSurveyAnswered(data: ResponseSubmittedV1, ctx: EventContext): void {
    this.timeline.queue(ctx, surveyAnsweredFact(data));
  }
}
