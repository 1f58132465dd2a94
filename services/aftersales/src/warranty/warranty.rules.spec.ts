import { coverageOf, termMonthsFor, warrantyPeriod } from './warranty.rules';

const terms = {
  classMonths: { general: 12, electronics: 24, 'custom-made': 24 },
  categoryMonths: new Map([['watches', 36]]),
};

describe('termMonthsFor', () => {
  it('takes the class term: general 12, electronics and custom-made 24 months', () => {
    expect(termMonthsFor({ category: 'outerwear', warrantyClass: 'general' }, terms)).toBe(12);
    expect(termMonthsFor({ category: 'phones', warrantyClass: 'electronics' }, terms)).toBe(24);
    expect(termMonthsFor({ category: 'suits', warrantyClass: 'custom-made' }, terms)).toBe(24);
  });

  it("prefers the category's own term, and gives none without a class or category term", () => {
    expect(termMonthsFor({ category: 'watches', warrantyClass: 'general' }, terms)).toBe(36);
    expect(termMonthsFor({ category: 'watches' }, terms)).toBe(36);
    expect(termMonthsFor({ category: 'socks' }, terms)).toBeNull();
  });
});

describe('warrantyPeriod', () => {
  const purchased = new Date('2026-03-01T02:15:00Z');

  it('starts at delivery sign-off when known, else at purchase', () => {
    const delivered = new Date('2026-03-03T06:00:00Z');
    expect(warrantyPeriod(purchased, delivered, 12, 'Asia/Shanghai').startsAt).toEqual(delivered);
    expect(warrantyPeriod(purchased, null, 12, 'Asia/Shanghai')).toEqual({
      startsAt: purchased,
      endsAt: new Date('2027-03-01T02:15:00Z'),
    });
  });

  it("ends at the same local time months later in the store's zone, across a DST change", () => {
    // 10:00 in Berlin on 1 March (UTC+1) -> 10:00 on 1 April (UTC+2): 08:00Z, not 09:00Z.
    const start = new Date('2026-03-01T09:00:00Z');
    expect(warrantyPeriod(start, null, 1, 'Europe/Berlin').endsAt).toEqual(new Date('2026-04-01T08:00:00Z'));
  });

  it('clamps the day to the end of a shorter month (31 January + 1 month)', () => {
    const start = new Date('2027-01-31T04:00:00Z'); // 12:00 in Shanghai
    expect(warrantyPeriod(start, null, 1, 'Asia/Shanghai').endsAt).toEqual(new Date('2027-02-28T04:00:00Z'));
  });
});

describe('coverageOf', () => {
  const w = {
    status: 'active' as const,
    startsAt: new Date('2026-03-01T00:00:00Z'),
    endsAt: new Date('2027-03-01T00:00:00Z'),
  };

  it('is in force from its start to the second before its end', () => {
    expect(coverageOf(w, new Date('2026-02-28T23:59:59Z'))).toBe('not-started');
    expect(coverageOf(w, new Date('2026-03-01T00:00:00Z'))).toBe('in-force');
    expect(coverageOf(w, new Date('2027-02-28T23:59:59Z'))).toBe('in-force');
    expect(coverageOf(w, new Date('2027-03-01T00:00:00Z'))).toBe('expired');
  });

  it('is replaced once moved to an exchanged item', () => {
    expect(coverageOf({ ...w, status: 'replaced' }, new Date('2026-06-01T00:00:00Z'))).toBe('replaced');
  });
});
