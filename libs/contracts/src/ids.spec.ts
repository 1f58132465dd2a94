import { isUUID } from 'class-validator';
import { uuidv7, uuidv7Time } from './ids';

describe('uuidv7', () => {
  it('makes valid, unique version-7 UUIDs', () => {
    const ids = Array.from({ length: 1000 }, () => uuidv7());
    for (const id of ids) expect(isUUID(id, '7')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('starts with the 48-bit millisecond timestamp, so ids sort by time', () => {
    const at = Date.UTC(2026, 2, 1, 10, 15, 0, 123);
    const id = uuidv7(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(uuidv7(at) < uuidv7(at + 1)).toBe(true);
  });
});

describe('uuidv7Time', () => {
  it('reads back the milliseconds a UUIDv7 was made at, and nothing from other strings', () => {
    const at = Date.UTC(2026, 2, 1, 9, 14, 7, 481);
    expect(uuidv7Time(uuidv7(at))).toBe(at);
    expect(uuidv7Time('0190c7a4-9a3e-4b1c-8f00-000000000000')).toBeUndefined(); // version 4
    expect(uuidv7Time('not-an-id')).toBeUndefined();
  });
});
