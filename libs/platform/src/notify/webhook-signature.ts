import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a signed webhook notification (docs/notifications.md, "Verifying a webhook"). */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-cx-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'x-cx-signature';

/**
 * `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`): the timestamp (unix seconds) is
 * signed with the body so a captured request cannot be replayed later with another date.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * What a receiver checks: the signature matches the raw body and timestamp, compared in constant
 * time, and the timestamp is within `toleranceSeconds` of the receiver's clock.
 */
export function verifyWebhook(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  if (!headers.timestamp || !headers.signature || !/^\d{1,12}$/.test(headers.timestamp)) return false;
  const timestamp = Number(headers.timestamp);
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
