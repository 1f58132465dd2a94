import { CorrectiveActionCreatedV1, CorrectiveActionVerifiedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { CorrectiveActionEntity } from './corrective-action.entity';

const causeAndDepartment = (a: CorrectiveActionEntity) => ({
  ...(a.causeCode ? { causeCode: a.causeCode } : {}),
  ...(a.department ? { department: a.department } : {}),
});

/** evt.complaints.corrective-action.created.v1: who does what about the cause, by when. */
export function correctiveActionCreated(
  a: CorrectiveActionEntity,
): EventToPublish<CorrectiveActionCreatedV1> {
  return {
    type: Subjects.complaints.correctiveActionCreated,
    aggregateId: a.id,
    occurredAt: a.createdAt,
    data: {
      actionId: a.id,
      complaintId: a.complaintId,
      ...causeAndDepartment(a),
      title: a.title,
      ownerId: a.ownerId,
      dueAt: a.dueAt.toISOString(),
      createdAt: a.createdAt.toISOString(),
    },
  };
}

/** evt.complaints.corrective-action.verified.v1: effective (closed) or not (open again, its new due time). */
export function correctiveActionVerified(
  a: CorrectiveActionEntity,
  effective: boolean,
  verifiedBy: string,
  now: Date,
): EventToPublish<CorrectiveActionVerifiedV1> {
  return {
    type: Subjects.complaints.correctiveActionVerified,
    aggregateId: a.id,
    occurredAt: now,
    data: {
      actionId: a.id,
      complaintId: a.complaintId,
      ...causeAndDepartment(a),
      ownerId: a.ownerId,
      effective,
      ...(effective ? {} : { dueAt: a.dueAt.toISOString() }),
      verifiedBy,
      verifiedAt: now.toISOString(),
    },
  };
}
