import { CONTACT_CHANNELS, ContactChannel, ContactPurpose } from '@cx/contracts';
import { DAY_MS } from '@cx/platform';

// Pure rules of a customer profile: no I/O, the time handed in, every case in customer.rules.spec.ts.

export const CUSTOMER_STATUSES = ['active', 'merged', 'erased'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;
export type Gender = (typeof GENDERS)[number];

/** Where the customer joined: membership sign-up, at a purchase, or online. */
export const REGISTRATION_CHANNELS = ['membership', 'purchase', 'online'] as const;
export type RegistrationChannel = (typeof REGISTRATION_CHANNELS)[number];

/** What a customer may agree to be contacted about: offers and care, or surveys and return visits. */
export const CONSENT_PURPOSES = ['marketing', 'surveys'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_CHANNELS = CONTACT_CHANNELS;
export type ConsentChannel = ContactChannel;

/** The personal fields of a profile, as the audit log names them. */
export const PERSONAL_FIELDS = ['name', 'phone', 'email', 'birthday', 'gender'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Oldest birthday taken. */
const MAX_AGE_YEARS = 130;

/**
 * The consent a contact request needs: messages about the customer's own complaint or after-sales
 * case, and notices about their own membership (points about to expire, a tier gained), need none;
 * survey invitations and return visits need the customer's `surveys` consent on the channel used; an
 * invitation to spend to keep a tier is marketing and needs `marketing` consent on it (ADR 34).
 */
export function consentNeededFor(purpose: ContactPurpose): ConsentPurpose | null {
  switch (purpose) {
    case 'complaint-update':
    case 'after-sales-update':
    case 'loyalty-notice':
      return null;
    case 'loyalty-offer':
      return 'marketing';
    case 'survey-invitation':
    case 'return-visit':
      return 'surveys';
  }
}

export interface ConsentState {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  granted: boolean;
}

/** Whether a message for `purpose` may go out on `channel`, given the customer's current consents. */
export function mayContact(
  purpose: ContactPurpose,
  channel: ConsentChannel,
  consents: ConsentState[],
): boolean {
  const needed = consentNeededFor(purpose);
  if (needed === null) return true;
  return consents.some((c) => c.purpose === needed && c.channel === channel && c.granted);
}

/** Whether the customer agreed to marketing on any channel. */
export function hasMarketingConsent(consents: ConsentState[]): boolean {
  return consents.some((c) => c.purpose === 'marketing' && c.granted);
}

/** A birthday `YYYY-MM-DD` that exists, is not in the future and not more than 130 years ago; else why not. */
export function birthdayProblem(birthday: string, now: Date): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthday);
  if (!m) return 'birthday must be a date YYYY-MM-DD';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return 'birthday is not a date of the calendar';
  if (date.getTime() > now.getTime()) return 'birthday cannot be in the future';
  if (y < now.getUTCFullYear() - MAX_AGE_YEARS) return `birthday is more than ${MAX_AGE_YEARS} years ago`;
  return null;
}

/** Month * 100 + day of a valid birthday (`1990-02-28` -> 228). */
export function birthdayMonthDay(birthday: string): number {
  return Number(birthday.slice(5, 7)) * 100 + Number(birthday.slice(8, 10));
}

/** A phone as stored: digits only, a leading `+` kept (`+86 138-0013-8000` -> `+8613800138000`). */
export function normalizePhone(phone: string): string {
  const nfkc = phone.normalize('NFKC').trim();
  return (nfkc.startsWith('+') ? '+' : '') + nfkc.replace(/\D/g, '');
}

/** Profiles whose last activity is before this instant have outlived the retention setting. */
export function retentionCutoff(now: Date, inactiveDays: number): Date {
  return new Date(now.getTime() - inactiveDays * DAY_MS);
}

/** Why `duplicate` cannot be merged into `survivor`, or null when it can. */
export function mergeRefusal(
  survivor: { id: string; status: CustomerStatus },
  duplicate: { id: string; status: CustomerStatus },
): { field: string; message: string } | null {
  if (survivor.id === duplicate.id)
    return { field: 'duplicateId', message: 'a customer cannot be merged into itself' };
  if (survivor.status !== 'active')
    return { field: 'id', message: `the surviving customer is ${survivor.status}` };
  if (duplicate.status !== 'active')
    return { field: 'duplicateId', message: `the duplicate is ${duplicate.status}` };
  return null;
}
