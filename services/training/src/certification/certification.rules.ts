import { addLocalMonths, DAY_MS } from '@cx/platform';

// Pure rules of certifications: every case in certification.rules.spec.ts.

export type CertificationState = 'valid' | 'expiring' | 'expired';

/** A completion certifies for `months` calendar months in the zone (31 Jan + 1 month = 28/29 Feb). */
export function expiryOf(certifiedAt: Date, months: number, timeZone: string): Date {
  return addLocalMonths(certifiedAt, months, timeZone);
}

/** The reminder (a recertification enrolment) is due `days` before expiry, not before the certification. */
export function remindAt(certifiedAt: Date, expiresAt: Date, days: number): Date {
  return new Date(Math.max(certifiedAt.getTime(), expiresAt.getTime() - days * DAY_MS));
}

export function certificationState(expiresAt: Date, remind: Date, now: Date): CertificationState {
  if (now.getTime() >= expiresAt.getTime()) return 'expired';
  return now.getTime() >= remind.getTime() ? 'expiring' : 'valid';
}
