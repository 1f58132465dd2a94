// Every event of the complaint aggregate is built here, one builder per event, so what a complaint
// tells the other services is written (and checked against its contract) in one place.
import {
  ComplaintAlertFields,
  ComplaintCreatedV1,
  ComplaintDeadlineApproachingV1,
  ComplaintEscalatedV1,
  ComplaintEscalatedV2,
  ComplaintResolvedV1,
  ComplaintSlaBreachedV1,
  ComplaintUpdatedV1,
  ContactChannel,
  ESCALATION_REASONS,
  EscalationReason,
  EscalationReasonV2,
  SlaClock,
  Subjects,
} from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { ComplaintEntity } from './complaint.entity';

type Complaint = Pick<
  ComplaintEntity,
  | 'id'
  | 'reference'
  | 'channel'
  | 'category'
  | 'priority'
  | 'status'
  | 'customerId'
  | 'storeId'
  | 'employeeId'
  | 'orderId'
  | 'productSku'
  | 'ownerId'
  | 'department'
  | 'receivedAt'
  | 'firstResponseDueAt'
  | 'resolutionDueAt'
  | 'isRepeat'
  | 'isMajor'
>;

const event = <T>(type: string, c: Pick<Complaint, 'id'>, at: Date, data: T): EventToPublish<T> => ({
  type,
  aggregateId: c.id,
  occurredAt: at,
  data,
});

/** evt.complaints.complaint.created.v1: taken in and classified, with its SLA deadlines. */
export function complaintCreated(c: Complaint, recordedAt: Date): EventToPublish<ComplaintCreatedV1> {
  return event(Subjects.complaints.complaintCreated, c, recordedAt, {
    complaintId: c.id,
    reference: c.reference,
    channel: c.channel,
    category: c.category,
    priority: c.priority,
    ...(c.storeId ? { storeId: c.storeId } : {}),
    ...(c.employeeId ? { employeeId: c.employeeId } : {}),
    ...(c.customerId ? { customerId: c.customerId } : {}),
    ...(c.orderId ? { orderId: c.orderId } : {}),
    ...(c.productSku ? { productSku: c.productSku } : {}),
    receivedAt: c.receivedAt.toISOString(),
    firstResponseDueAt: c.firstResponseDueAt.toISOString(),
    resolutionDueAt: (c.resolutionDueAt ?? c.firstResponseDueAt).toISOString(),
    isRepeat: c.isRepeat,
    isMajor: c.isMajor,
  });
}

/** evt.complaints.complaint.updated.v1: a change the customer sees, for the notification sender. */
export function complaintUpdated(
  c: Complaint,
  at: Date,
  change: string,
  customerMessage?: string,
  contactChannel?: ContactChannel,
): EventToPublish<ComplaintUpdatedV1> {
  return event(Subjects.complaints.complaintUpdated, c, at, {
    complaintId: c.id,
    reference: c.reference,
    ...(c.customerId ? { customerId: c.customerId } : {}),
    status: c.status,
    change,
    ...(customerMessage ? { customerMessage } : {}),
    ...(contactChannel ? { contactChannel } : {}),
    occurredAt: at.toISOString(),
  });
}

/**
 * evt.complaints.complaint.resolved.v1: a solution was proposed (surveys sends the return visit), with
 * the root cause and the department answerable for it when recorded (training ties courses to causes).
 */
export function complaintResolved(
  c: Complaint & Pick<ComplaintEntity, 'causeCode' | 'responsibleDepartment'>,
  resolvedAt: Date,
  summary: string,
): EventToPublish<ComplaintResolvedV1> {
  return event(Subjects.complaints.complaintResolved, c, resolvedAt, {
    complaintId: c.id,
    reference: c.reference,
    ...(c.customerId ? { customerId: c.customerId } : {}),
    ...(c.storeId ? { storeId: c.storeId } : {}),
    ...(c.employeeId ? { employeeId: c.employeeId } : {}),
    ownerId: c.ownerId,
    category: c.category,
    resolutionSummary: summary,
    resolvedAt: resolvedAt.toISOString(),
    ...(c.causeCode ? { causeCode: c.causeCode } : {}),
    ...(c.responsibleDepartment ? { responsibleDepartment: c.responsibleDepartment } : {}),
  });
}

/**
 * A level of the chain was reached, for whom it names: evt.complaints.complaint.escalated.v2 always, and
 * .v1 beside it for the causes .v1 knows (a major complaint is .v2 only: ADR 0018).
 */
export function complaintEscalated(
  c: Complaint,
  at: Date,
  step: { level: number; to: string },
  reason: EscalationReasonV2,
  why?: string,
): EventToPublish[] {
  const fields = { ...alertFields(c), level: step.level, to: step.to, escalatedAt: at.toISOString() };
  const v2: EventToPublish<ComplaintEscalatedV2> = event(Subjects.complaints.complaintEscalatedV2, c, at, {
    ...fields,
    reason,
    ...(why ? { why } : {}),
  });
  if (!isV1Reason(reason)) return [v2];
  const v1: EventToPublish<ComplaintEscalatedV1> = event(Subjects.complaints.complaintEscalated, c, at, {
    ...fields,
    reason,
  });
  return [v1, v2];
}

const isV1Reason = (r: EscalationReasonV2): r is EscalationReason =>
  (ESCALATION_REASONS as readonly string[]).includes(r);

/** evt.complaints.complaint.deadline-approaching.v1: an SLA deadline is near and not met. */
export function deadlineApproaching(
  c: Complaint,
  at: Date,
  clock: SlaClock,
  dueAt: Date,
): EventToPublish<ComplaintDeadlineApproachingV1> {
  return event(Subjects.complaints.complaintDeadlineApproaching, c, at, {
    ...alertFields(c),
    clock,
    dueAt: dueAt.toISOString(),
    warnedAt: at.toISOString(),
  });
}

/** evt.complaints.complaint.sla-breached.v1 for one clock, with the level this breach has reached. */
export function slaBreached(
  c: Complaint,
  breachedAt: Date,
  clock: SlaClock,
  dueAt: Date,
  escalationLevel: number,
): EventToPublish<ComplaintSlaBreachedV1> {
  return event(Subjects.complaints.complaintSlaBreached, c, breachedAt, {
    complaintId: c.id,
    reference: c.reference,
    ...(c.storeId ? { storeId: c.storeId } : {}),
    ownerId: c.ownerId,
    ...(c.employeeId ? { employeeId: c.employeeId } : {}),
    priority: c.priority,
    clock,
    dueAt: dueAt.toISOString(),
    breachedAt: breachedAt.toISOString(),
    escalationLevel,
  });
}

/** What the customer is told when a resolved complaint closes itself: it is closed, and how to reopen it. */
export function autoClosedMessage(c: Pick<ComplaintEntity, 'reference'>, quietDays: number): string {
  return (
    `We have closed your complaint ${c.reference}, as we have not heard from you in the ${quietDays} days since we ` +
    `proposed a solution. If the problem is not solved, simply reply to this message and we will reopen it.`
  );
}

/** Which complaint a staff alert is about and who answers for it. */
function alertFields(c: Complaint): ComplaintAlertFields {
  return {
    complaintId: c.id,
    reference: c.reference,
    ...(c.storeId ? { storeId: c.storeId } : {}),
    ownerId: c.ownerId,
    ...(c.department ? { department: c.department } : {}),
    priority: c.priority,
  };
}
