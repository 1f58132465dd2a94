import { ResponseSubmittedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { AnalyticsRepository } from './analytics.repository';
import { surveyAnswerKind } from './survey-answer.rules';

/**
 * surveys' answers kept for the satisfaction KPI: those about a repair (subject type `repair`, the return
 * visit of step 8) and those about a completed return (trigger `return-completed`, whose subject is the
 * order: ADR 0022). Answers about complaints, stores or a delivery (also about an order, trigger
 * `delivery`) are not after-sales'.
 */
@Controller()
export class SurveyAnswerHandlers {
  constructor(private readonly analytics: AnalyticsRepository) {}

  @OnEvent(Subjects.surveys.responseSubmitted)
  async onResponseSubmitted(data: ResponseSubmittedV1, ctx: EventContext): Promise<void> {
    const kind = surveyAnswerKind(data);
    if (!kind || !data.subject.id) return;
    await this.analytics.recordSurveyAnswer(ctx.em, {
      responseId: data.responseId,
      kind,
      subjectId: data.subject.id,
      storeId: data.storeId ?? null,
      satisfied: data.satisfied,
      submittedAt: new Date(data.submittedAt),
    });
  }
}
