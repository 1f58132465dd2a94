import { canonicalJson, requestHash } from './idempotency-keys';

describe('the request hash of Idempotency-Key', () => {
  it('reads objects with their keys sorted, at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ f: 1, e: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"e":2,"f":1}]},"b":1}',
    );
    expect(requestHash({ b: 1, a: 2 })).toBe(requestHash({ a: 2, b: 1 }));
  });

  it('keeps the order of arrays and tells values apart', () => {
    expect(requestHash({ lines: [1, 2] })).not.toBe(requestHash({ lines: [2, 1] }));
    expect(requestHash({ n: 1 })).not.toBe(requestHash({ n: '1' }));
    expect(requestHash({ n: null })).not.toBe(requestHash({}));
  });

  it('reads values as JSON would send them: undefined members dropped, dates as ISO strings', () => {
    expect(requestHash({ a: 1, b: undefined })).toBe(requestHash({ a: 1 }));
    expect(canonicalJson({ at: new Date('2026-08-01T10:00:00Z') })).toBe('{"at":"2026-08-01T10:00:00.000Z"}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('reads a class instance (a validated DTO) by its own fields', () => {
    class Dto {
      constructor(
        readonly name: string,
        readonly quantity: number,
      ) {}
    }
    expect(requestHash(new Dto('a', 2))).toBe(requestHash({ quantity: 2, name: 'a' }));
  });
});
