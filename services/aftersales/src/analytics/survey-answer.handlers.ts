import { ResponseSubmittedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { AnalyticsRepository } from './analytics.repository';

/**
 * surveys' answers: those about a repair (subject type `repair`, the return visit of step 8) are kept for
 * the satisfaction KPI. The contract has no subject type for a return, so answers about returns cannot be
 * told apart and are not counted; answers about complaints, orders or stores are not after-sales'.
 */
@Controller()
export class SurveyAnswerHandlers {
  constructor(private readonly analytics: AnalyticsRepository) {}

  @OnEvent(Subjects.surveys.responseSubmitted)
  async onResponseSubmitted(data: ResponseSubmittedV1, ctx: EventContext): Promise<void> {
    if (data.subject.type !== 'repair' || !data.subject.id) return;
    await this.analytics.recordSurveyAnswer(ctx.em, {
      responseId: data.responseId,
      repairId: data.subject.id,
      storeId: data.storeId ?? null,
      satisfied: data.satisfied,
      submittedAt: new Date(data.submittedAt),
    });
  }
}
