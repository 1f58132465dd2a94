// The response's event, built in one place and checked against its contract when published.
import { ResponseSubmittedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { ResponseEntity } from './response.entity';

/** evt.surveys.response.submitted.v1: the scores and what the survey was about. */
export function responseSubmitted(
  r: ResponseEntity,
  comment: string | undefined,
): EventToPublish<ResponseSubmittedV1> {
  return {
    type: Subjects.surveys.responseSubmitted,
    aggregateId: r.id,
    occurredAt: r.submittedAt,
    data: {
      responseId: r.id,
      surveyId: r.questionnaireId,
      trigger: r.trigger,
      subject: r.subjectId ? { type: r.subjectType, id: r.subjectId } : { type: r.subjectType },
      ...(r.customerId && { customerId: r.customerId }),
      ...(r.storeId && { storeId: r.storeId }),
      ...(r.employeeId && { employeeId: r.employeeId }),
      ...(r.touchpoint && { touchpoint: r.touchpoint }),
      ...(r.csat !== null && { csat: r.csat }),
      ...(r.nps !== null && { nps: r.nps }),
      satisfied: r.satisfied,
      ...(comment && { comment }),
      submittedAt: r.submittedAt.toISOString(),
    },
  };
}
