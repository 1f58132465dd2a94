import { CustomerErasedV1, CustomerMergedV1, ResponseSubmittedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { ComplaintService } from './complaint.service';

/** Events from other services that change complaints. */
@Controller()
export class ComplaintHandlers {
  constructor(private readonly complaints: ComplaintService) {}

  /** The return visit after handling: satisfied closes, dissatisfied reopens and escalates. */
  @OnEvent(Subjects.surveys.responseSubmitted)
  async onSurveyResponse(data: ResponseSubmittedV1, ctx: EventContext): Promise<void> {
    await this.complaints.recordSatisfaction(ctx.em, data);
  }

  @OnEvent(Subjects.crm.customerErased)
  async onCustomerErased(data: CustomerErasedV1, ctx: EventContext): Promise<void> {
    await this.complaints.eraseCustomer(ctx.em, data.customerId, data.requestedBy);
  }

  /** Two crm records of one person became one: what complaints holds under the merged id follows the survivor. */
  @OnEvent(Subjects.crm.customerMerged)
  async onCustomerMerged(data: CustomerMergedV1, ctx: EventContext): Promise<void> {
    await this.complaints.mergeCustomer(ctx.em, data);
  }
}
