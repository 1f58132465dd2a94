import { randomFillSync } from 'node:crypto';

/**
 * A new UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Event ids are UUIDv7 so that
 * they sort by creation time; within one millisecond the order is random (the outbox sequence, not the
 * id, gives publish order).
 */
export function uuidv7(nowMs: number = Date.now()): string {
  const bytes = randomBytes16();
  let ms = Math.floor(nowMs);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // variant 10xx
  let hex = '';
  for (let i = 0; i < 16; i++) {
    hex += HEX[bytes[i]];
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

// Random bytes are taken from a pool filled 4 KiB at a time (as crypto.randomUUID does): one
// randomFillSync call per 256 ids instead of one per id.
const POOL = new Uint8Array(4096);
let poolOffset = POOL.length;
const out = new Uint8Array(16);

function randomBytes16(): Uint8Array {
  if (poolOffset + 16 > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  out.set(POOL.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return out;
}

/** The Unix milliseconds a UUIDv7 was made at (its first 48 bits); undefined for anything else. */
export function uuidv7Time(id: string): number | undefined {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return undefined;
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
