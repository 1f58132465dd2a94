import fc from 'fast-check';
import { canonicalJson, canonicalJsonByReplacer, requestHash } from './idempotency-keys';

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

  it('writes exactly what its definition writes (stored hashes stay valid), for any JSON-like value', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { maxDepth: 4 },
        fc.string(),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.date({ noInvalidDate: false }),
        fc.array(tie('any'), { maxLength: 5 }),
        fc.dictionary(
          fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '2', '-1', '01', 'a')),
          tie('any'),
          {
            maxKeys: 6,
          },
        ),
      ),
    })).any;
    fc.assert(
      fc.property(value, (v) => canonicalJson(v) === canonicalJsonByReplacer(v)),
      { numRuns: 2_000 },
    );
    expect(canonicalJson({ 10: 'a', 2: 'b', x: { toJSON: () => ({ z: 1, y: 2 }) } })).toBe(
      canonicalJsonByReplacer({ 10: 'a', 2: 'b', x: { toJSON: () => ({ z: 1, y: 2 }) } }),
    );
  });
});
