import { randomFillSync } from 'node:crypto';

/**
 * A new UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Event ids are UUIDv7 so that
 * they sort by creation time; within one millisecond the order is random (the outbox sequence, not the
 * id, gives publish order).
 */
export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = randomFillSync(new Uint8Array(16));
  let ms = Math.floor(nowMs);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10xx
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
