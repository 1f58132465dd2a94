import { ResponseSubmittedV1 } from '@cx/contracts';
import { SurveyAnswerKind } from './survey-answer.entity';

// Pure: which of surveys' answers are after-sales' (survey-answer.rules.spec.ts; ADR 0022).

/**
 * What an answer is about for after-sales: a repair (subject a repair: the return visit of step 8), a
 * completed return (trigger `return-completed`: its subject is the order), or null when it is not
 * after-sales' (a complaint, a store, a delivery, which also names the order).
 */
export function surveyAnswerKind(
  a: Pick<ResponseSubmittedV1, 'trigger' | 'subject'>,
): SurveyAnswerKind | null {
  if (a.subject.type === 'repair') return 'repair';
  if (a.subject.type === 'order' && a.trigger === 'return-completed') return 'return';
  return null;
}
