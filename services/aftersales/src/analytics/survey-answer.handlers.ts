import { ResponseSubmittedV1, Subjects } from '@cx/contracts';
import { EventContext, OnEvent } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { AnalyticsRepository } from './analytics.repository';
import { SurveyAnswerKind } from './survey-answer.entity';

/**
 * surveys' answers kept for the satisfaction KPI: those about a repair (subject type `repair`, the return
 * visit of step 8) and those about a completed return (trigger `return-completed`, whose subject is the
 * order: ADR 0022). Answers about complaints, stores or a delivery (also about an order, trigger
 * `delivery`) are not after-sales'.
 */
/** What an answer is about for after-sales, or null when it is not after-sales'. */
export function surveyAnswerKind(
  a: Pick<ResponseSubmittedV1, 'trigger' | 'subject'>,
): SurveyAnswerKind | null {
  if (a.subject.type === 'repair') return 'repair';
  if (a.subject.type === 'order' && a.trigger === 'return-completed') return 'return';
  return null;
}

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
