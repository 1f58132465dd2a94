// What each event puts on a customer's timeline. Pure: the payload in, one entry (or none) out. The
// summary holds codes, references and amounts only: never a name, contact, birthday or free text a
// customer wrote (a survey comment stays in surveys), so erasing a customer leaves the entries anonymous.
import type {
  ComplaintCreatedV1,
  ComplaintResolvedV1,
  CustomerTierChangedV1,
  RepairCompletedV1,
  ResponseSubmittedV1,
  ReturnCompletedV1,
} from '@cx/contracts';

export const TIMELINE_KINDS = [
  'purchase',
  'tier-changed',
  'complaint-created',
  'complaint-resolved',
  'return-completed',
  'repair-completed',
  'survey-answered',
  'points',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TIMELINE_SOURCES = ['crm', 'complaints', 'aftersales', 'surveys'] as const;
export type TimelineSource = (typeof TIMELINE_SOURCES)[number];

/**
 * Ledger movements shown as `points` entries, read from loyalty's ledger rather than copied: what a
 * customer earned, was granted, spent, lost to expiry or had reversed. Moves between pending and
 * available (release) and the debt's book-keeping are left out.
 */
export const TIMELINE_POINTS_MOVEMENTS = ['earn', 'goodwill', 'redeem', 'expire', 'reverse'] as const;

/** Small facts about the entry: codes, references, counts and amounts in minor units. */
export type TimelineSummary = Record<string, string | number | boolean | null>;

export interface TimelineFact {
  customerId: string;
  kind: TimelineKind;
  occurredAt: Date;
  source: TimelineSource;
  referenceId: string;
  summary: TimelineSummary;
}

/** A tier change has no id of its own: the customer and the instant name it. */
export function tierChangedFact(data: CustomerTierChangedV1): TimelineFact {
  const occurredAt = new Date(data.changedAt);
  return {
    customerId: data.customerId,
    kind: 'tier-changed',
    occurredAt,
    source: 'crm',
    referenceId: `${data.customerId}@${occurredAt.toISOString()}`,
    summary: { fromTier: data.fromTier, toTier: data.toTier, reason: data.reason },
  };
}

/** Null for an anonymous complaint: there is no timeline to put it on. */
export function complaintCreatedFact(data: ComplaintCreatedV1): TimelineFact | null {
  if (!data.customerId) return null;
  return {
    customerId: data.customerId,
    kind: 'complaint-created',
    occurredAt: new Date(data.receivedAt),
    source: 'complaints',
    referenceId: data.complaintId,
    summary: {
      reference: data.reference,
      category: data.category,
      channel: data.channel,
      priority: data.priority,
      storeId: data.storeId ?? null,
      orderId: data.orderId ?? null,
    },
  };
}

/** The resolution summary is staff's text: left in complaints (the reference leads to it). */
export function complaintResolvedFact(data: ComplaintResolvedV1): TimelineFact | null {
  if (!data.customerId) return null;
  return {
    customerId: data.customerId,
    kind: 'complaint-resolved',
    occurredAt: new Date(data.resolvedAt),
    source: 'complaints',
    referenceId: data.complaintId,
    summary: { reference: data.reference, category: data.category, storeId: data.storeId ?? null },
  };
}

export function returnCompletedFact(data: ReturnCompletedV1): TimelineFact {
  return {
    customerId: data.customerId,
    kind: 'return-completed',
    occurredAt: new Date(data.completedAt),
    source: 'aftersales',
    referenceId: data.returnId,
    summary: {
      returnKind: data.kind,
      orderId: data.orderId,
      storeId: data.storeId,
      refundAmountMinor: data.refundAmountMinor,
      currency: data.currency,
      lines: data.lines.length,
    },
  };
}

export function repairCompletedFact(data: RepairCompletedV1): TimelineFact {
  return {
    customerId: data.customerId,
    kind: 'repair-completed',
    occurredAt: new Date(data.completedAt),
    source: 'aftersales',
    referenceId: data.repairId,
    summary: {
      sku: data.sku,
      storeId: data.storeId,
      underWarranty: data.underWarranty,
      costMinor: data.costMinor,
      currency: data.currency,
    },
  };
}

/** Scores and the verdict, not the comment (the customer's own words may hold personal data). */
export function surveyAnsweredFact(data: ResponseSubmittedV1): TimelineFact | null {
  if (!data.customerId) return null;
  return {
    customerId: data.customerId,
    kind: 'survey-answered',
    occurredAt: new Date(data.submittedAt),
    source: 'surveys',
    referenceId: data.responseId,
    summary: {
      surveyId: data.surveyId,
      trigger: data.trigger,
      about: data.subject.type,
      aboutId: data.subject.id ?? null,
      touchpoint: data.touchpoint ?? null,
      csat: data.csat ?? null,
      nps: data.nps ?? null,
      satisfied: data.satisfied,
    },
  };
}
