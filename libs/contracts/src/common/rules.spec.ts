import { contracts, sampleFor, Subjects } from '../index';
import { validateAs } from '../validation';
import { isISO8601 } from 'class-validator';
import fc from 'fast-check';
import { IsCodeList, IsText, isTimestamp } from './rules';

class Note {
  @IsText(20) text!: string;
}

class Departments {
  @IsCodeList(3) departments!: string[];
}

describe('IsText', () => {
  it('refuses blank text: only spaces, tabs or line breaks is no text', () => {
    for (const text of [' ', '   ', '\t\n', '\u00a0'])
      expect(validateAs(Note, { text })).toEqual({
        ok: false,
        errors: [{ field: 'text', messages: ['text must not be blank'] }],
      });
    expect(validateAs(Note, { text: '  ok  ' }).ok).toBe(true);
  });

  it('so a resolution summary of only spaces fails complaint.resolved', () => {
    const subject = Subjects.complaints.complaintResolved;
    expect(contracts.validatePayload(subject, sampleFor(subject, { resolutionSummary: '   ' })).ok).toBe(
      false,
    );
  });
});

describe('IsCodeList', () => {
  it('takes lower-case kebab codes, none of them malformed, up to the bound', () => {
    expect(validateAs(Departments, { departments: [] }).ok).toBe(true);
    expect(validateAs(Departments, { departments: ['quality', 'store-operations'] }).ok).toBe(true);
    for (const departments of [['2-day'], ['Quality'], ['a--b'], ['ok', ''], ['a', 'b', 'c', 'd'], 'quality'])
      expect(validateAs(Departments, { departments }).ok).toBe(false);
  });
});

describe('isTimestamp', () => {
  // The definition: the format with a zone, validator's strict ISO-8601 (a real calendar day, hours,
  // minutes, seconds and offsets in range) and Date.parse.
  const FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
  const byDefinition = (v: string) =>
    FORMAT.test(v) && isISO8601(v, { strict: true, strictSeparator: true }) && !Number.isNaN(Date.parse(v));

  it('accepts and refuses what its definition does', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const year = fc.oneof(
      fc.constantFrom('2024', '2026', '1900', '2000', '2100', '0000', '9999'),
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    );
    const fraction = fc.option(fc.stringMatching(/^\.\d{1,10}$/), { nil: '' });
    const zone = fc.oneof(
      fc.constantFrom('Z', 'z', '', '+08:00', '-00:00', '+24:00', '+23:59', '+0800'),
      fc.tuple(fc.constantFrom('+', '-'), two, two).map(([s, h, m]) => `${s}${h}:${m}`),
    );
    const candidate = fc
      .tuple(year, two, two, fc.constantFrom('T', 't', ' '), two, two, two, fraction, zone)
      .map(([y, mo, d, sep, h, mi, se, f, z]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${se}${f}${z}`);
    fc.assert(
      fc.property(fc.oneof(candidate, fc.string()), (v) => {
        expect(isTimestamp(v)).toBe(byDefinition(v));
      }),
      { numRuns: 20_000 },
    );
    for (const v of [
      '2024-02-29T10:00:00Z',
      '2026-02-29T10:00:00Z',
      '2026-04-31T00:00:00+08:00',
      '2026-12-31T23:59:59.999999999-23:59',
    ])
      expect(isTimestamp(v)).toBe(byDefinition(v));
    expect([undefined, null, 20260301, new Date()].map(isTimestamp)).toEqual([false, false, false, false]);
  });
});
