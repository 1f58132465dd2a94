import { addCalendarDays, localDateOf, startOfLocalDay } from '@cx/platform';

// Pure: may this line be returned or exchanged, and why. Cases to the second in eligibility.spec.ts.

/** Seed 003 3.1: within 7 days of delivery sign-off; 15 for a category or case a lead marks special. */
export const RETURN_WINDOW_DAYS = 7;
export const SPECIAL_RETURN_WINDOW_DAYS = 15;

export type EligibilityCode = 'within-window' | 'window-passed' | 'not-delivered' | 'before-delivery';

export interface Eligibility {
  eligible: boolean;
  code: EligibilityCode;
  windowDays: number;
  /** The first instant at which a request is too late (null before the sign-off). */
  windowEndsAt: Date | null;
  /** For the customer and the agent, in words. */
  explanation: string;
}

/**
 * The window's end. As the seven-day rule for returns counts it, day 1 is the day after the sign-off and
 * the window closes when the last day ends, at midnight in the store's zone: signed off on 1 November at
 * any hour, a request up to 8 November 23:59:59 local is in time, one at 9 November 00:00:00 is not. A DST
 * change inside the window moves the instant, not the local midnight.
 */
export function returnWindowEnd(deliveredAt: Date, days: number, timeZone: string): Date {
  const signOffDay = localDateOf(deliveredAt, timeZone);
  return startOfLocalDay(addCalendarDays(signOffDay, days + 1), timeZone);
}

export function decideEligibility(input: {
  deliveredAt: Date | null;
  requestedAt: Date;
  special: boolean;
  timeZone: string;
}): Eligibility {
  const windowDays = input.special ? SPECIAL_RETURN_WINDOW_DAYS : RETURN_WINDOW_DAYS;
  const kind = input.special ? `${windowDays}-day (special)` : `${windowDays}-day`;
  if (!input.deliveredAt) {
    return {
      eligible: false,
      code: 'not-delivered',
      windowDays,
      windowEndsAt: null,
      explanation: `no delivery sign-off is recorded: the ${kind} window starts at sign-off`,
    };
  }
  const windowEndsAt = returnWindowEnd(input.deliveredAt, windowDays, input.timeZone);
  const t = input.requestedAt.getTime();
  if (t < input.deliveredAt.getTime()) {
    return {
      eligible: false,
      code: 'before-delivery',
      windowDays,
      windowEndsAt,
      explanation: 'the request is dated before the delivery sign-off',
    };
  }
  if (t >= windowEndsAt.getTime()) {
    return {
      eligible: false,
      code: 'window-passed',
      windowDays,
      windowEndsAt,
      explanation: `the ${kind} window after sign-off ended at ${windowEndsAt.toISOString()}`,
    };
  }
  return {
    eligible: true,
    code: 'within-window',
    windowDays,
    windowEndsAt,
    explanation: `within the ${kind} window after sign-off (until ${windowEndsAt.toISOString()})`,
  };
}

/** What is checked when the goods come back (seed 003 3.1). */
export interface ReceiptCheck {
  originalPackaging: boolean;
  tags: boolean;
  invoice: boolean;
  intact: boolean;
}

/**
 * Which receipt checks failed: packaging, tags and invoice always count; "intact" does not for a quality
 * return (the defect is why it came back). Empty when the goods are accepted.
 */
export function failedReceiptChecks(check: ReceiptCheck, quality: boolean): (keyof ReceiptCheck)[] {
  const required: (keyof ReceiptCheck)[] = quality
    ? ['originalPackaging', 'tags', 'invoice']
    : ['originalPackaging', 'tags', 'invoice', 'intact'];
  return required.filter((k) => !check[k]);
}

/** What a quality return still lacks before it can be approved: photos, a defect description, proof of purchase. */
export function missingQualityEvidence(e: {
  photos: number;
  proofs: number;
  defectDescription: string | null;
}): string[] {
  const missing: string[] = [];
  if (e.photos === 0) missing.push('photo');
  if (!e.defectDescription) missing.push('defect-description');
  if (e.proofs === 0) missing.push('proof-of-purchase');
  return missing;
}
