// Every event of the enrollment aggregate is built here, checked against its contract on publish.
import { EnrollmentCreatedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import { EnrollmentEntity } from './enrollment.entity';

/** evt.training.enrollment.created.v1: the employee and their lead are told. */
export function enrollmentCreated(e: EnrollmentEntity, storeId: string): EventToPublish<EnrollmentCreatedV1> {
  return {
    type: Subjects.training.enrollmentCreated,
    aggregateId: e.id,
    occurredAt: e.createdAt,
    data: {
      enrollmentId: e.id,
      employeeId: e.employeeId,
      storeId,
      courseId: e.courseId,
      reason: e.reason,
      ...(e.dueAt ? { dueAt: e.dueAt.toISOString() } : {}),
      createdAt: e.createdAt.toISOString(),
    },
  };
}
