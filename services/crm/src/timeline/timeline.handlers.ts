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
 * TimelineService.record from that handler.
 */
@Controller()
export class TimelineHandlers {
  constructor(private readonly timeline: TimelineService) {}

  @OnEvent(Subjects.crm.customerTierChanged)
  async onTierChanged(data: CustomerTierChangedV1, ctx: EventContext): Promise<void> {
    await this.timeline.record(ctx.em, tierChangedFact(data));
  }

  @OnEvent(Subjects.complaints.complaintCreated)
  async onComplaintCreated(data: ComplaintCreatedV1, ctx: EventContext): Promise<void> {
    await this.timeline.record(ctx.em, complaintCreatedFact(data));
  }

  @OnEvent(Subjects.complaints.complaintResolved)
  async onComplaintResolved(data: ComplaintResolvedV1, ctx: EventContext): Promise<void> {
    await this.timeline.record(ctx.em, complaintResolvedFact(data));
  }

  @OnEvent(Subjects.aftersales.repairCompleted)
  async onRepairCompleted(data: RepairCompletedV1, ctx: EventContext): Promise<void> {
    await this.timeline.record(ctx.em, repairCompletedFact(data));
  }

  @OnEvent(Subjects.surveys.responseSubmitted)
  async onSurveyAnswered(data: ResponseSubmittedV1, ctx: EventContext): Promise<void> {
    await this.timeline.record(ctx.em, surveyAnsweredFact(data));
  }
}
