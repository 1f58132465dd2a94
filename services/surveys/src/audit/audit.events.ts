import { AuditCompletedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { AuditEntity } from './audit.entity';
import type { AuditScore } from './audit.rules';

/** evt.surveys.audit.completed.v1: the score, per-touchpoint results, failed items and staff on duty. */
export function auditCompleted(a: AuditEntity, s: AuditScore): EventToPublish<AuditCompletedV1> {
  return {
    type: Subjects.surveys.auditCompleted,
    aggregateId: a.id,
    occurredAt: a.completedAt!,
    data: {
      auditId: a.id,
      storeId: a.storeId,
      auditorId: a.auditorId,
      employeeIds: a.staffOnDuty,
      touchpoints: s.sections.map((x) => ({
        touchpoint: x.touchpoint,
        score: x.score,
        maxScore: x.maxScore,
        passed: x.passed,
      })),
      scorePct: s.scorePct,
      passed: s.passed,
      failedItems: s.failedItems.map((f) => ({
        itemId: f.key,
        touchpoint: f.touchpoint,
        ...(f.note && { note: f.note }),
      })),
      completedAt: a.completedAt!.toISOString(),
    },
  };
}
