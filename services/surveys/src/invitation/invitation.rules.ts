import { DAY_MS } from '@cx/platform';
import { randomBytes } from 'node:crypto';

// Pure rules of an invitation: its token, expiry, whether it may be answered, and fatigue (at most
// one invitation per customer per window, the higher priority winning). Cases in invitation.rules.spec.ts.

export const INVITATION_STATUSES = [
  'scheduled',
  'sending',
  'sent',
  'not-sent',
  'failed',
  'bounced',
  'suppressed',
  'no-consent',
  'answered',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Channels an invitation goes out on: email over SMTP, SMS through the signed webhook's gateway. */
export const INVITATION_CHANNELS = ['email', 'sms'] as const;
export type InvitationChannel = (typeof INVITATION_CHANNELS)[number];

/** 32 random bytes, base64url (43 characters): not guessable, not derived from anything. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** An invitation can be answered until this instant (exclusive). */
export function expiresAt(sendAt: Date, validDays: number): Date {
  return new Date(sendAt.getTime() + validDays * DAY_MS);
}

export type AnswerRefusal = 'not-found' | 'answered' | 'expired';

/**
 * Why an invitation cannot be answered now, or null: once only, before it expires (to the
 * millisecond), and never one fatigue or consent kept from going out.
 */
export function answerRefusal(
  inv: { status: InvitationStatus; expiresAt: Date },
  now: Date,
): AnswerRefusal | null {
  if (inv.status === 'answered') return 'answered';
  if (UNANSWERABLE_STATUSES.includes(inv.status)) return 'not-found';
  if (now.getTime() >= inv.expiresAt.getTime()) return 'expired';
  return null;
}

/**
 * The statuses in which an invitation takes no answer (answerRefusal); the answer path's statement that
 * marks an invitation answered checks the same list and the expiry, so the two cannot disagree.
 */
export const UNANSWERABLE_STATUSES: readonly InvitationStatus[] = ['suppressed', 'no-consent', 'answered'];

/** What fatigue looks at of a customer's other invitations. */
export interface RivalInvitation {
  id: string;
  priority: number;
  status: InvitationStatus;
  sendAt: Date;
}

/** Invitations that count against the window: going out or gone out (not suppressed, not refused for consent). */
const COUNTS: ReadonlySet<InvitationStatus> = new Set([
  'scheduled',
  'sending',
  'sent',
  'not-sent',
  'failed',
  'bounced',
  'answered',
]);
const PENDING: ReadonlySet<InvitationStatus> = new Set(['scheduled']);

export interface FatigueDecision {
  /** Whether the new invitation goes ahead. */
  keep: boolean;
  /** Scheduled invitations of lower priority it displaces (suppressed). */
  displaces: string[];
}

/**
 * At most one invitation per customer inside `windowDays` around its send time, whatever triggered
 * it. A rival inside the window that has gone out, or has the same or a higher priority, wins; a
 * rival still scheduled with a lower priority is displaced by the new one. The window is open at
 * its end: a rival exactly `windowDays` away does not compete.
 */
export function fatigueDecision(
  candidate: { priority: number; sendAt: Date },
  rivals: RivalInvitation[],
  windowDays: number,
): FatigueDecision {
  const window = windowDays * DAY_MS;
  const competing = rivals.filter(
    (r) => COUNTS.has(r.status) && Math.abs(r.sendAt.getTime() - candidate.sendAt.getTime()) < window,
  );
  const beaten = competing.some((r) => !PENDING.has(r.status) || r.priority >= candidate.priority);
  if (beaten) return { keep: false, displaces: [] };
  return { keep: true, displaces: competing.map((r) => r.id) };
}

/** Whether the customer allows the channel and crm has the contact for it. */
export function contactFor(
  channel: InvitationChannel,
  contact: { email?: string; phone?: string; consent: { email: boolean; sms: boolean } },
): string | null {
  if (channel === 'email') return contact.consent.email && contact.email ? contact.email : null;
  return contact.consent.sms && contact.phone ? contact.phone : null;
}
