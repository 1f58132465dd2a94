import {
  CorrectiveActionCreatedV1,
  CorrectiveActionOverdueV1,
  CorrectiveActionVerifiedV1,
  Subjects,
} from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { CorrectiveActionEntity } from './corrective-action.entity';

const causeAndDepartment = (a: CorrectiveActionEntity) => ({
  ...(a.causeCode ? { causeCode: a.causeCode } : {}),
  ...(a.department ? { department: a.department } : {}),
});

/** What the created and overdue events both tell (the contract's CorrectiveActionFields). */
const actionFields = (a: CorrectiveActionEntity) => ({
  actionId: a.id,
  complaintId: a.complaintId,
  ...causeAndDepartment(a),
  title: a.title,
  ownerId: a.ownerId,
  dueAt: a.dueAt.toISOString(),
});

/** evt.complaints.corrective-action.created.v1: who does what about the cause, by when. */
export function correctiveActionCreated(
  a: CorrectiveActionEntity,
): EventToPublish<CorrectiveActionCreatedV1> {
  return {
    type: Subjects.complaints.correctiveActionCreated,
    aggregateId: a.id,
    occurredAt: a.createdAt,
    data: { ...actionFields(a), createdAt: a.createdAt.toISOString() },
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

/** evt.complaints.corrective-action.overdue.v1: still open after its due time (once per due time). */
export function correctiveActionOverdue(
  a: CorrectiveActionEntity,
  now: Date,
): EventToPublish<CorrectiveActionOverdueV1> {
  return {
    type: Subjects.complaints.correctiveActionOverdue,
    aggregateId: a.id,
    occurredAt: now,
    data: { ...actionFields(a), detectedAt: now.toISOString() },
  };
}
