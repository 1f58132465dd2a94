/** Channels the notifier sends through. */
export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * What became of a notification: `sent` (the server or gateway took it), `bounced` (refused for good:
 * an SMTP 5xx, a webhook 4xx; not retried), `failed` (every try hit a transient error), `not-sent`
 * (no channel configured, or no contact for it).
 */
export const DELIVERY_STATUSES = ['sent', 'bounced', 'failed', 'not-sent'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The wait before try `attempt + 1` after try `attempt` (1-based) failed: base, 2x base, 4x base ... */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return baseMs * 2 ** (Math.max(1, attempt) - 1);
}

/** One try's outcome: taken, refused for good, or worth another try. */
export type TryOutcome = 'sent' | 'permanent' | 'transient';

/** SMTP: a 5xx reply is a refusal for good; 4xx, timeouts and connection errors are worth retrying. */
export function smtpOutcome(responseCode: number | undefined): Exclude<TryOutcome, 'sent'> {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600 ? 'permanent' : 'transient';
}

/** Webhook: 2xx taken; 408, 429 and 5xx (and no answer) retried; any other 4xx refused for good. */
export function webhookOutcome(status: number | undefined): TryOutcome {
  if (status === undefined) return 'transient';
  if (status >= 200 && status < 300) return 'sent';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'permanent';
}

const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;

/**
 * An error message fit for the delivery log: the contact given for the send, and anything shaped
 * like an email address, replaced (SMTP servers quote the recipient in their refusals), cut to 500
 * characters.
 */
export function redactError(message: string, contacts: readonly string[]): string {
  let out = message;
  for (const c of contacts) if (c) out = out.split(c).join('<recipient>');
  return out.replace(EMAIL, '<address>').slice(0, 500);
}
