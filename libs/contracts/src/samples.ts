import { EventSubject, PayloadOf, ReplyOf, RequestSubject, Subject, Subjects } from './catalog';
import { Envelope } from './envelope';
import { uuidv7 } from './ids';
import { ComplaintAlertFields } from './complaints/complaint-alert';
import { ScorecardFigureCode, ScorecardFigureV1 } from './common/scorecard';
import { PurchaseLineV1 } from './crm/purchase-recorded.event';
import { parseSubject } from './subjects';

/**
 * Valid, realistic samples of every message, told as one story: Mei (a gold member) buys a jacket and
 * a phone in store SH-001, complains about the jacket, the complaint is resolved, she answers the
 * survey; the phone is repaired; a mystery shopper audits the store. Tests across the repo reuse
 * them to publish realistic events: take a sample and override what the test is about.
 */
export const SampleIds = {
  customerId: '0192f0a4-5b6c-7d8e-9f01-23456789abcd',
  purchaseId: '0192f0a4-6000-7000-8000-0000000000b1',
  orderId: 'SO-2026-000451',
  storeId: 'SH-001',
  employeeId: 'E10023',
  technicianId: 'E20007',
  auditorId: 'MS-0042',
  ownerId: 'E10001',
  complaintId: '0192f0a5-0000-7000-8000-00000000c001',
  complaintReference: 'C-2026-000123',
  returnId: '0192f0a6-0000-7000-8000-00000000e001',
  repairId: '0192f0a7-0000-7000-8000-00000000f001',
  warrantyId: '0192f0a7-1111-7000-8000-00000000a001',
  disputeId: '0192f0a7-2222-7000-8000-00000000d001',
  surveyId: '0192f0a8-0000-7000-8000-000000005001',
  responseId: '0192f0a8-1111-7000-8000-000000005002',
  auditId: '0192f0a9-0000-7000-8000-00000000a0d1',
  alertId: '0192f0aa-0000-7000-8000-00000000a1e1',
  enrollmentId: '0192f0ab-0000-7000-8000-00000000e0e1',
  courseId: '0192f0ab-1111-7000-8000-00000000c0c1',
  jacketSku: 'JKT-DOWN-BLK-M',
  phoneSku: 'PH-X200-128-BLU',
  phoneSerial: 'SN8823410091',
} as const;

const id = SampleIds;

/** The fields every complaint alert event carries (ComplaintAlertFields). */
const complaintAlert: ComplaintAlertFields = {
  complaintId: id.complaintId,
  reference: id.complaintReference,
  storeId: id.storeId,
  ownerId: id.ownerId,
  department: 'quality',
  priority: 'P2',
};

/** The two lines of the sample purchase (a jacket, and a phone with a serial number), in every message about it. */
const purchaseLines: PurchaseLineV1[] = [
  {
    lineId: '1',
    sku: id.jacketSku,
    category: 'outerwear',
    productName: 'Down jacket, black, M',
    quantity: 1,
    unitPriceMinor: 129_900,
    warrantyClass: 'general',
  },
  {
    lineId: '2',
    sku: id.phoneSku,
    category: 'phones',
    productName: 'X200 phone 128 GB, blue',
    serialNumber: id.phoneSerial,
    quantity: 1,
    unitPriceMinor: 329_900,
    warrantyClass: 'electronics',
  },
];

/** The company scorecard's question: March 2026 at one store. */
const scorecardRequest = {
  from: '2026-03-01T00:00:00Z',
  to: '2026-04-01T00:00:00Z',
  previousFrom: '2026-02-01T00:00:00Z',
  storeId: id.storeId,
};

function scorecardFigure(figure: ScorecardFigureCode): ScorecardFigureV1 {
  return {
    figure,
    value: 0.92,
    numerator: 46,
    denominator: 50,
    target: { operator: '>=', value: 0.9, basis: 'seed 001' },
    previous: 0.88,
    missed: false,
  };
}

const PAYLOADS: { [S in Subject]: PayloadOf<S> } = {
  [Subjects.crm.purchaseRecorded]: {
    customerId: id.customerId,
    orderId: id.orderId,
    storeId: id.storeId,
    channel: 'store',
    purchasedAt: '2026-03-01T10:15:00Z',
    deliveredAt: '2026-03-01T10:20:00Z',
    paidAmountMinor: 459_800,
    currency: 'CNY',
    lines: purchaseLines,
    salesEmployeeId: id.employeeId,
  },
  [Subjects.crm.purchaseDelivered]: {
    purchaseId: id.purchaseId,
    customerId: id.customerId,
    orderId: id.orderId,
    storeId: id.storeId,
    purchasedAt: '2026-03-01T10:15:00Z',
    deliveredAt: '2026-03-03T16:40:00Z',
    lines: purchaseLines,
  },
  [Subjects.crm.customerTierChanged]: {
    customerId: id.customerId,
    fromTier: 'silver',
    toTier: 'gold',
    reason: 'purchase',
    changedAt: '2026-03-01T10:15:01Z',
  },
  [Subjects.crm.customerTierAtRisk]: {
    customerId: id.customerId,
    currentTier: 'gold',
    downgradeTo: 'silver',
    downgradeAt: '2026-04-01T00:00:00Z',
    spendToKeepMinor: 120_000,
    purchasesToKeep: 1,
  },
  [Subjects.crm.pointsExpiring]: {
    customerId: id.customerId,
    points: 350,
    firstExpiresAt: '2026-03-20T10:15:01Z',
    expiresBy: '2026-03-31T00:00:00Z',
    availableBalance: 1_200,
  },
  [Subjects.crm.customerErased]: {
    customerId: id.customerId,
    erasedAt: '2026-09-01T00:00:00Z',
    requestedBy: 'customer',
  },
  [Subjects.crm.customerMerged]: {
    survivorId: id.customerId,
    mergedId: '0192f0a4-5b6c-7d8e-9f01-23456789abce',
    mergedAt: '2026-09-02T08:30:00Z',
  },
  [Subjects.crm.segmentMembershipChanged]: {
    segment: 'at-risk',
    customerId: id.customerId,
    change: 'joined',
    at: '2026-09-03T02:00:00Z',
  },
  [Subjects.crm.getCustomerTier]: { customerId: id.customerId },
  [Subjects.crm.getCustomerContact]: { customerId: id.customerId, purpose: 'complaint-update' },
  [Subjects.crm.getPurchase]: { source: 'pos', orderId: id.orderId },
  [Subjects.complaints.complaintCreated]: {
    complaintId: id.complaintId,
    reference: id.complaintReference,
    channel: 'hotline',
    category: 'product-quality',
    priority: 'P2',
    storeId: id.storeId,
    employeeId: id.employeeId,
    customerId: id.customerId,
    orderId: id.orderId,
    productSku: id.jacketSku,
    receivedAt: '2026-03-05T09:00:00Z',
    firstResponseDueAt: '2026-03-06T09:00:00Z',
    resolutionDueAt: '2026-03-08T09:00:00Z',
    isRepeat: false,
    isMajor: false,
  },
  [Subjects.complaints.complaintUpdated]: {
    complaintId: id.complaintId,
    reference: id.complaintReference,
    customerId: id.customerId,
    status: 'acknowledged',
    change: 'acknowledged',
    customerMessage: 'We have received your complaint C-2026-000123 and will propose a solution by 8 March.',
    contactChannel: 'sms',
    occurredAt: '2026-03-05T11:30:00Z',
  },
  [Subjects.complaints.complaintResolved]: {
    complaintId: id.complaintId,
    reference: id.complaintReference,
    customerId: id.customerId,
    storeId: id.storeId,
    employeeId: id.employeeId,
    ownerId: id.ownerId,
    category: 'product-quality',
    resolutionSummary: 'Zip replaced free of charge; jacket returned to the customer in store.',
    resolvedAt: '2026-03-07T16:00:00Z',
  },
  [Subjects.complaints.complaintSlaBreached]: {
    complaintId: id.complaintId,
    reference: id.complaintReference,
    storeId: id.storeId,
    ownerId: id.ownerId,
    employeeId: id.employeeId,
    priority: 'P2',
    clock: 'first-response',
    dueAt: '2026-03-06T09:00:00Z',
    breachedAt: '2026-03-06T09:00:30Z',
    escalationLevel: 1,
  },
  [Subjects.complaints.complaintEscalated]: {
    ...complaintAlert,
    level: 1,
    to: 'owner-lead',
    reason: 'first-response-sla',
    escalatedAt: '2026-03-06T09:00:30Z',
  },
  [Subjects.complaints.complaintDeadlineApproaching]: {
    ...complaintAlert,
    clock: 'first-response',
    dueAt: '2026-03-06T09:00:00Z',
    warnedAt: '2026-03-06T07:00:00Z',
  },
  [Subjects.aftersales.returnCompleted]: {
    returnId: id.returnId,
    customerId: id.customerId,
    orderId: id.orderId,
    storeId: id.storeId,
    kind: 'return',
    lines: [{ lineId: '1', sku: id.jacketSku, quantity: 1, refundAmountMinor: 129_900 }],
    refundAmountMinor: 129_900,
    currency: 'CNY',
    completedAt: '2026-03-06T14:00:00Z',
  },
  [Subjects.aftersales.repairCompleted]: {
    repairId: id.repairId,
    customerId: id.customerId,
    storeId: id.storeId,
    technicianId: id.technicianId,
    sku: id.phoneSku,
    serialNumber: id.phoneSerial,
    underWarranty: true,
    costMinor: 0,
    currency: 'CNY',
    completedAt: '2026-06-10T15:30:00Z',
  },
  [Subjects.aftersales.disputeEscalated]: {
    disputeId: id.disputeId,
    subjectType: 'return',
    subjectId: id.returnId,
    customerId: id.customerId,
    storeId: id.storeId,
    reason: 'Refund refused after the receipt check; the customer says the tags were attached',
    escalatedBy: id.ownerId,
    escalatedAt: '2026-03-09T09:00:00Z',
  },
  [Subjects.aftersales.checkWarranty]: {
    sku: id.phoneSku,
    serialNumber: id.phoneSerial,
    orderId: id.orderId,
  },
  [Subjects.surveys.responseSubmitted]: {
    responseId: id.responseId,
    surveyId: id.surveyId,
    trigger: 'complaint-resolved',
    subject: { type: 'complaint', id: id.complaintId },
    customerId: id.customerId,
    storeId: id.storeId,
    employeeId: id.employeeId,
    touchpoint: 'after-sales',
    csat: 4,
    nps: 8,
    satisfied: true,
    comment: 'Quick and friendly.',
    submittedAt: '2026-03-09T08:00:00Z',
  },
  [Subjects.surveys.auditCompleted]: {
    auditId: id.auditId,
    storeId: id.storeId,
    auditorId: id.auditorId,
    employeeIds: [id.employeeId],
    touchpoints: [
      { touchpoint: 'greeting', score: 9, maxScore: 10, passed: true },
      { touchpoint: 'fitting-room', score: 6, maxScore: 10, passed: false },
      { touchpoint: 'checkout', score: 10, maxScore: 10, passed: true },
    ],
    scorePct: 83.3,
    passed: false,
    failedItems: [{ itemId: 'FR-03', touchpoint: 'fitting-room', note: 'No staff offered another size.' }],
    completedAt: '2026-04-02T17:00:00Z',
  },
  [Subjects.surveys.alertRaised]: {
    alertId: id.alertId,
    metric: 'audit-pass-rate',
    scope: { storeId: id.storeId },
    value: 0.8,
    threshold: 0.95,
    period: '2026-Q2',
    raisedAt: '2026-04-02T17:00:05Z',
  },
  [Subjects.training.enrollmentCreated]: {
    enrollmentId: id.enrollmentId,
    employeeId: id.employeeId,
    storeId: id.storeId,
    courseId: id.courseId,
    reason: 'remedial',
    dueAt: '2026-05-02T00:00:00Z',
    createdAt: '2026-04-02T17:01:00Z',
  },
  [Subjects.complaints.complaintEscalatedV2]: {
    ...complaintAlert,
    level: 2,
    to: 'management',
    reason: 'major-complaint',
    why: 'category safety is major',
    escalatedAt: '2026-03-06T09:00:30Z',
  },
  [Subjects.complaints.kpiAlertRaised]: {
    alertId: '01960000-0000-7000-8000-0000000000a1',
    metric: 'resolution-rate',
    scope: 'store',
    key: id.storeId,
    value: 0.82,
    operator: '>=',
    target: 0.95,
    cases: 40,
    windowFrom: '2026-02-04T00:00:00Z',
    raisedAt: '2026-03-06T09:00:00Z',
  },
  [Subjects.complaints.incidentOpened]: {
    incidentId: '01960000-0000-7000-8000-0000000000b1',
    reference: 'I-2026-000012',
    title: '5 complaints about product JKT-DOWN-BLK-M within 24 h',
    source: 'spike-detection',
    productSku: 'JKT-DOWN-BLK-M',
    complaintCount: 5,
    openedBy: id.ownerId,
    openedAt: '2026-03-06T10:00:00Z',
  },
  [Subjects.complaints.incidentResolved]: {
    incidentId: '01960000-0000-7000-8000-0000000000b1',
    reference: 'I-2026-000012',
    resolutionSummary: 'Faulty zip batch 42 withdrawn; every jacket repaired or exchanged.',
    causeCode: 'product-quality',
    responsibleDepartment: 'merchandising',
    resolvedComplaints: 5,
    resolvedBy: id.ownerId,
    resolvedAt: '2026-03-08T16:00:00Z',
  },
  [Subjects.complaints.incidentDismissed]: {
    incidentId: '01960000-0000-7000-8000-0000000000b2',
    reference: 'I-2026-000013',
    title: '5 complaints about store SH-001 within 24 h',
    source: 'spike-detection',
    storeId: id.storeId,
    reason: 'Different problems, same store by chance',
    complaintIds: [id.complaintId],
    dismissedBy: id.ownerId,
    dismissedAt: '2026-03-06T11:00:00Z',
  },
  [Subjects.complaints.correctiveActionCreated]: {
    actionId: '01960000-0000-7000-8000-0000000000c1',
    complaintId: id.complaintId,
    causeCode: 'product-quality',
    department: 'merchandising',
    title: 'Check zips of batch 43 before delivery',
    ownerId: id.ownerId,
    dueAt: '2026-04-01T00:00:00Z',
    createdAt: '2026-03-07T16:05:00Z',
  },
  [Subjects.complaints.correctiveActionVerified]: {
    actionId: '01960000-0000-7000-8000-0000000000c1',
    complaintId: id.complaintId,
    causeCode: 'product-quality',
    department: 'merchandising',
    ownerId: id.ownerId,
    effective: true,
    verifiedBy: id.ownerId,
    verifiedAt: '2026-05-02T09:00:00Z',
  },
  [Subjects.complaints.correctiveActionOverdue]: {
    actionId: '01960000-0000-7000-8000-0000000000c1',
    complaintId: id.complaintId,
    causeCode: 'product-quality',
    department: 'merchandising',
    title: 'Check zips of batch 43 before delivery',
    ownerId: id.ownerId,
    dueAt: '2026-04-01T00:00:00Z',
    detectedAt: '2026-04-01T00:05:00Z',
  },
  [Subjects.crm.getScorecard]: scorecardRequest,
  [Subjects.complaints.getScorecard]: scorecardRequest,
  [Subjects.aftersales.getScorecard]: scorecardRequest,
  [Subjects.surveys.getScorecard]: scorecardRequest,
  [Subjects.training.getScorecard]: scorecardRequest,
  [Subjects.complaints.getReportDigest]: { ...scorecardRequest, top: 5 },
  [Subjects.surveys.cxReportGenerated]: {
    reportId: '01960000-0000-7000-8000-0000000000e1',
    period: 'month',
    label: '2026-03',
    from: '2026-02-28T16:00:00Z',
    to: '2026-03-31T16:00:00Z',
    language: 'zh-CN',
    missed: 2,
    pdfUrl: 'https://cx.example.cn/surveys/api/v1/cx-reports/01960000-0000-7000-8000-0000000000e1/pdf',
    generatedAt: '2026-04-01T17:00:00Z',
  },
  [Subjects.aftersales.repairAppointmentBooked]: {
    repairId: id.repairId,
    customerId: id.customerId,
    storeId: id.storeId,
    technicianId: id.technicianId,
    startsAt: '2026-06-08T02:00:00Z',
    endsAt: '2026-06-08T03:00:00Z',
    rescheduled: false,
  },
  [Subjects.training.getStaffContact]: { employeeId: id.employeeId, purpose: 'enrollment' },
  [Subjects.training.checkStaff]: { employeeIds: [id.employeeId, 'E-404'] },
};

const REPLIES: { [S in RequestSubject]: ReplyOf<S> } = {
  [Subjects.crm.getCustomerTier]: { customerId: id.customerId, tier: 'gold', since: '2026-03-01T10:15:01Z' },
  [Subjects.crm.getCustomerContact]: {
    customerId: id.customerId,
    name: 'Li Mei',
    phone: '+8613800138000',
    email: 'mei@example.com',
    preferredChannel: 'sms',
    consent: { marketing: false, sms: true, email: true, phone: true },
    language: 'zh-CN',
  },
  [Subjects.crm.getPurchase]: {
    purchaseId: id.purchaseId,
    customerId: id.customerId,
    source: 'pos',
    orderId: id.orderId,
    storeId: id.storeId,
    channel: 'store',
    purchasedAt: '2026-03-01T10:15:00Z',
    deliveredAt: '2026-03-03T16:40:00Z',
    paidAmountMinor: 459_800,
    refundedAmountMinor: 0,
    currency: 'CNY',
    lines: purchaseLines,
  },
  [Subjects.aftersales.checkWarranty]: {
    covered: true,
    warrantyId: id.warrantyId,
    endsAt: '2028-03-01T10:20:00Z',
  },
  [Subjects.crm.getScorecard]: { figures: [scorecardFigure('repurchase-rate')] },
  [Subjects.complaints.getScorecard]: { figures: [scorecardFigure('complaint-rate')] },
  [Subjects.aftersales.getScorecard]: { figures: [scorecardFigure('aftersales-resolution-rate')] },
  [Subjects.surveys.getScorecard]: { figures: [scorecardFigure('satisfaction')] },
  [Subjects.training.getStaffContact]: {
    employeeId: id.employeeId,
    name: 'Zhang Wei',
    workEmail: 'zhang.wei@cx.example.cn',
    active: true,
  },
  [Subjects.training.checkStaff]: { known: [{ employeeId: id.employeeId, active: true }] },
  [Subjects.training.getScorecard]: { figures: [scorecardFigure('training-coverage')] },
  [Subjects.complaints.getReportDigest]: {
    categories: [{ key: 'product-quality', count: 12, previousCount: 8 }],
    stores: [{ key: id.storeId, count: 7, previousCount: 9 }],
    openAlerts: [
      {
        alertId: '01960000-0000-7000-8000-0000000000a1',
        metric: 'resolution-sla',
        scope: 'store',
        key: id.storeId,
        value: 0.81,
        target: 0.95,
        raisedAt: '2026-03-20T02:00:00Z',
      },
    ],
    correctiveActions: [
      {
        actionId: '01960000-0000-7000-8000-0000000000c1',
        title: 'Check zips of batch 43 before delivery',
        department: 'merchandising',
        ownerId: id.ownerId,
        dueAt: '2026-04-01T00:00:00Z',
        status: 'open',
      },
    ],
  },
};

/** Which payload field a sample envelope takes its aggregateId from. */
const AGGREGATE_FIELD: { [S in EventSubject]: keyof PayloadOf<S> & string } = {
  [Subjects.crm.purchaseRecorded]: 'orderId',
  [Subjects.crm.purchaseDelivered]: 'purchaseId',
  [Subjects.crm.customerTierChanged]: 'customerId',
  [Subjects.crm.customerTierAtRisk]: 'customerId',
  [Subjects.crm.pointsExpiring]: 'customerId',
  [Subjects.crm.customerErased]: 'customerId',
  [Subjects.crm.segmentMembershipChanged]: 'customerId',
  [Subjects.crm.customerMerged]: 'mergedId',
  [Subjects.complaints.complaintCreated]: 'complaintId',
  [Subjects.complaints.complaintUpdated]: 'complaintId',
  [Subjects.complaints.complaintResolved]: 'complaintId',
  [Subjects.complaints.complaintSlaBreached]: 'complaintId',
  [Subjects.complaints.complaintEscalated]: 'complaintId',
  [Subjects.complaints.complaintDeadlineApproaching]: 'complaintId',
  [Subjects.aftersales.returnCompleted]: 'returnId',
  [Subjects.aftersales.repairCompleted]: 'repairId',
  [Subjects.aftersales.disputeEscalated]: 'disputeId',
  [Subjects.surveys.responseSubmitted]: 'responseId',
  [Subjects.surveys.auditCompleted]: 'auditId',
  [Subjects.surveys.alertRaised]: 'alertId',
  [Subjects.surveys.cxReportGenerated]: 'reportId',
  [Subjects.training.enrollmentCreated]: 'enrollmentId',
  [Subjects.complaints.complaintEscalatedV2]: 'complaintId',
  [Subjects.complaints.kpiAlertRaised]: 'alertId',
  [Subjects.complaints.incidentOpened]: 'incidentId',
  [Subjects.complaints.incidentResolved]: 'incidentId',
  [Subjects.complaints.incidentDismissed]: 'incidentId',
  [Subjects.complaints.correctiveActionCreated]: 'actionId',
  [Subjects.complaints.correctiveActionVerified]: 'actionId',
  [Subjects.complaints.correctiveActionOverdue]: 'actionId',
  [Subjects.aftersales.repairAppointmentBooked]: 'repairId',
};

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function lookup<T>(table: Record<string, T>, subject: string, what: string): T {
  if (!Object.prototype.hasOwnProperty.call(table, subject))
    throw new Error(`no sample ${what} for "${subject}"`);
  return table[subject];
}

/**
 * A fresh, valid plain payload (event data or request body) for a subject; `overrides` replace
 * top-level fields. Throws for an unregistered subject.
 */
export function sampleFor<S extends Subject>(subject: S, overrides?: Partial<PayloadOf<S>>): PayloadOf<S>;
export function sampleFor(subject: string, overrides?: Record<string, unknown>): unknown;
export function sampleFor(subject: string, overrides: Record<string, unknown> = {}): unknown {
  return { ...copy(lookup<object>(PAYLOADS, subject, 'payload')), ...overrides };
}

/** A fresh, valid plain reply for a request subject; `overrides` replace top-level fields. */
export function sampleReplyFor<S extends RequestSubject>(
  subject: S,
  overrides?: Partial<ReplyOf<S>>,
): ReplyOf<S>;
export function sampleReplyFor(subject: string, overrides?: Record<string, unknown>): unknown;
export function sampleReplyFor(subject: string, overrides: Record<string, unknown> = {}): unknown {
  return { ...copy(lookup<object>(REPLIES, subject, 'reply')), ...overrides };
}

/**
 * A valid envelope around the sample payload of an event subject, with a NEW UUIDv7 id each call (so
 * JetStream dedup never drops two samples published by one test). `data` overrides go into the payload.
 */
export function sampleEnvelopeFor<S extends EventSubject>(
  subject: S,
  overrides: Partial<Omit<Envelope, 'data'>> & { data?: Partial<PayloadOf<S>> } = {},
): Envelope<PayloadOf<S>> {
  const { data: dataOverrides, ...envelopeOverrides } = overrides;
  const data = sampleFor(subject, dataOverrides);
  const field = lookup<string>(AGGREGATE_FIELD, subject, 'envelope');
  const parsed = parseSubject(subject);
  if (!parsed) throw new Error(`"${subject}" breaks the subject naming rule`);
  return {
    id: uuidv7(),
    type: subject,
    occurredAt: new Date().toISOString(),
    source: parsed.service,
    aggregateId: String((data as Record<string, unknown>)[field]),
    data,
    ...envelopeOverrides,
  };
}
