import { IncidentDismissedV1, IncidentOpenedV1, IncidentResolvedV1, Subjects } from '@cx/contracts';
import type { EventToPublish } from '@cx/platform';
import type { RootCause } from '../complaint/complaint.service';
import type { IncidentEntity } from './incident.entity';

/** What the opened and dismissed events say of the incident itself. */
function described(i: IncidentEntity) {
  return {
    incidentId: i.id,
    reference: i.reference,
    title: i.title,
    source: i.source,
    ...(i.storeId ? { storeId: i.storeId } : {}),
    ...(i.productSku ? { productSku: i.productSku } : {}),
  };
}

/** evt.complaints.incident.opened.v1: opened by hand, or a proposed spike a lead confirmed. */
export function incidentOpened(
  i: IncidentEntity,
  complaintCount: number,
  openedBy: string,
  now: Date,
): EventToPublish<IncidentOpenedV1> {
  return {
    type: Subjects.complaints.incidentOpened,
    aggregateId: i.id,
    occurredAt: now,
    data: {
      ...described(i),
      complaintCount,
      openedBy,
      openedAt: now.toISOString(),
    },
  };
}

/** evt.complaints.incident.resolved.v1: resolved with its open complaints, with the cause when given. */
export function incidentResolved(
  i: IncidentEntity,
  cause: RootCause | undefined,
  resolvedComplaints: number,
  resolvedBy: string,
  now: Date,
): EventToPublish<IncidentResolvedV1> {
  return {
    type: Subjects.complaints.incidentResolved,
    aggregateId: i.id,
    occurredAt: now,
    data: {
      incidentId: i.id,
      reference: i.reference,
      resolutionSummary: i.resolutionSummary ?? '',
      ...(cause?.causeCode ? { causeCode: cause.causeCode } : {}),
      ...(cause?.responsibleDepartment ? { responsibleDepartment: cause.responsibleDepartment } : {}),
      resolvedComplaints,
      resolvedBy,
      resolvedAt: now.toISOString(),
    },
  };
}

/** evt.complaints.incident.dismissed.v1: a proposal the lead said is none, with the complaints it let go. */
export function incidentDismissed(
  i: IncidentEntity,
  reason: string,
  complaintIds: string[],
  dismissedBy: string,
  now: Date,
): EventToPublish<IncidentDismissedV1> {
  return {
    type: Subjects.complaints.incidentDismissed,
    aggregateId: i.id,
    occurredAt: now,
    data: {
      ...described(i),
      reason,
      complaintIds,
      dismissedBy,
      dismissedAt: now.toISOString(),
    },
  };
}
