import { checkWarrantyV1 } from './aftersales/check-warranty.request';
import { disputeEscalatedV1 } from './aftersales/dispute-escalated.event';
import { repairCompletedV1 } from './aftersales/repair-completed.event';
import { returnCompletedV1 } from './aftersales/return-completed.event';
import { complaintCreatedV1 } from './complaints/complaint-created.event';
import { complaintDeadlineApproachingV1 } from './complaints/complaint-deadline-approaching.event';
import { complaintEscalatedV1 } from './complaints/complaint-escalated.event';
import { complaintEscalatedV2 } from './complaints/complaint-escalated-v2.event';
import { kpiAlertRaisedV1 } from './complaints/kpi-alert-raised.event';
import { complaintResolvedV1 } from './complaints/complaint-resolved.event';
import { complaintSlaBreachedV1 } from './complaints/complaint-sla-breached.event';
import { complaintUpdatedV1 } from './complaints/complaint-updated.event';
import { customerErasedV1 } from './crm/customer-erased.event';
import { customerMergedV1 } from './crm/customer-merged.event';
import { customerTierChangedV1 } from './crm/customer-tier-changed.event';
import { customerTierAtRiskV1 } from './crm/customer-tier-at-risk.event';
import { getCustomerContactV1 } from './crm/get-customer-contact.request';
import { getCustomerTierV1 } from './crm/get-customer-tier.request';
import { getPurchaseV1 } from './crm/get-purchase.request';
import { purchaseDeliveredV1 } from './crm/purchase-delivered.event';
import { pointsExpiringV1 } from './crm/points-expiring.event';
import { purchaseRecordedV1 } from './crm/purchase-recorded.event';
import { segmentMembershipChangedV1 } from './crm/segment-membership-changed.event';
import { ContractRegistry } from './registry';
import { alertRaisedV1 } from './surveys/alert-raised.event';
import { auditCompletedV1 } from './surveys/audit-completed.event';
import { responseSubmittedV1 } from './surveys/response-submitted.event';
import { enrollmentCreatedV1 } from './training/enrollment-created.event';
import { getStaffContactV1 } from './training/get-staff-contact.request';
import { checkStaffV1 } from './training/check-staff.request';
import { repairAppointmentBookedV1 } from './aftersales/repair-appointment-booked.event';
import { incidentOpenedV1 } from './complaints/incident-opened.event';
import { incidentResolvedV1 } from './complaints/incident-resolved.event';
import { incidentDismissedV1 } from './complaints/incident-dismissed.event';
import { correctiveActionCreatedV1 } from './complaints/corrective-action-created.event';
import { correctiveActionVerifiedV1 } from './complaints/corrective-action-verified.event';
import { correctiveActionOverdueV1 } from './complaints/corrective-action-overdue.event';
import { getCrmScorecardV1 } from './crm/get-scorecard.request';
import { getComplaintsScorecardV1 } from './complaints/get-scorecard.request';
import { getAftersalesScorecardV1 } from './aftersales/get-scorecard.request';
import { getSurveysScorecardV1 } from './surveys/get-scorecard.request';
import { getTrainingScorecardV1 } from './training/get-scorecard.request';
import { getReportDigestV1 } from './complaints/get-report-digest.request';
import { cxReportGeneratedV1 } from './surveys/cx-report-generated.event';

/**
 * Every subject string, grouped by producing service. Handlers and publishers use these, never a
 * literal: `@EventPattern(Subjects.crm.purchaseRecorded)`.
 */
export const Subjects = {
  crm: {
    purchaseRecorded: purchaseRecordedV1.subject,
    purchaseDelivered: purchaseDeliveredV1.subject,
    customerTierChanged: customerTierChangedV1.subject,
    customerTierAtRisk: customerTierAtRiskV1.subject,
    pointsExpiring: pointsExpiringV1.subject,
    customerErased: customerErasedV1.subject,
    segmentMembershipChanged: segmentMembershipChangedV1.subject,
    customerMerged: customerMergedV1.subject,
    getCustomerTier: getCustomerTierV1.subject,
    getCustomerContact: getCustomerContactV1.subject,
    getPurchase: getPurchaseV1.subject,
    getScorecard: getCrmScorecardV1.subject,
  },
  complaints: {
    complaintCreated: complaintCreatedV1.subject,
    complaintUpdated: complaintUpdatedV1.subject,
    complaintResolved: complaintResolvedV1.subject,
    complaintSlaBreached: complaintSlaBreachedV1.subject,
    complaintEscalated: complaintEscalatedV1.subject,
    complaintDeadlineApproaching: complaintDeadlineApproachingV1.subject,
    complaintEscalatedV2: complaintEscalatedV2.subject,
    kpiAlertRaised: kpiAlertRaisedV1.subject,
    incidentOpened: incidentOpenedV1.subject,
    incidentResolved: incidentResolvedV1.subject,
    incidentDismissed: incidentDismissedV1.subject,
    correctiveActionCreated: correctiveActionCreatedV1.subject,
    correctiveActionVerified: correctiveActionVerifiedV1.subject,
    correctiveActionOverdue: correctiveActionOverdueV1.subject,
    getScorecard: getComplaintsScorecardV1.subject,
    getReportDigest: getReportDigestV1.subject,
  },
  aftersales: {
    returnCompleted: returnCompletedV1.subject,
    repairCompleted: repairCompletedV1.subject,
    checkWarranty: checkWarrantyV1.subject,
    disputeEscalated: disputeEscalatedV1.subject,
    getScorecard: getAftersalesScorecardV1.subject,
    repairAppointmentBooked: repairAppointmentBookedV1.subject,
  },
  surveys: {
    responseSubmitted: responseSubmittedV1.subject,
    auditCompleted: auditCompletedV1.subject,
    alertRaised: alertRaisedV1.subject,
    getScorecard: getSurveysScorecardV1.subject,
    cxReportGenerated: cxReportGeneratedV1.subject,
  },
  training: {
    enrollmentCreated: enrollmentCreatedV1.subject,
    getStaffContact: getStaffContactV1.subject,
    checkStaff: checkStaffV1.subject,
    getScorecard: getTrainingScorecardV1.subject,
  },
} as const;

const ENTRIES = [
  purchaseRecordedV1,
  purchaseDeliveredV1,
  customerTierChangedV1,
  customerTierAtRiskV1,
  pointsExpiringV1,
  customerErasedV1,
  segmentMembershipChangedV1,
  customerMergedV1,
  getCustomerTierV1,
  getCustomerContactV1,
  getPurchaseV1,
  complaintCreatedV1,
  complaintUpdatedV1,
  complaintResolvedV1,
  complaintSlaBreachedV1,
  complaintEscalatedV1,
  complaintDeadlineApproachingV1,
  returnCompletedV1,
  repairCompletedV1,
  checkWarrantyV1,
  disputeEscalatedV1,
  responseSubmittedV1,
  auditCompletedV1,
  alertRaisedV1,
  enrollmentCreatedV1,
  complaintEscalatedV2,
  kpiAlertRaisedV1,
  incidentOpenedV1,
  incidentResolvedV1,
  correctiveActionCreatedV1,
  correctiveActionVerifiedV1,
  correctiveActionOverdueV1,
  getCrmScorecardV1,
  getComplaintsScorecardV1,
  getAftersalesScorecardV1,
  getSurveysScorecardV1,
  incidentDismissedV1,
  repairAppointmentBookedV1,
  getStaffContactV1,
  checkStaffV1,
  getTrainingScorecardV1,
  getReportDigestV1,
  cxReportGeneratedV1,
] as const;

type Entry = (typeof ENTRIES)[number];
/** Every registered subject, as a union of literals. */
export type Subject = Entry['subject'];
export type EventSubject = Extract<Entry, { kind: 'event' }>['subject'];
export type RequestSubject = Extract<Entry, { kind: 'request' }>['subject'];
/** The payload class of a subject: the event's `data`, or the request body. */
export type PayloadOf<S extends Subject> = InstanceType<Extract<Entry, { subject: S }>['payload']>;
/** The reply class of a request subject. */
export type ReplyOf<S extends RequestSubject> = InstanceType<
  NonNullable<Extract<Entry, { subject: S }>['reply']>
>;

/** The registry of every message the services exchange. */
export const contracts = new ContractRegistry([...ENTRIES]);
