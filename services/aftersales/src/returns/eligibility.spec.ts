import {
  decideEligibility,
  failedReceiptChecks,
  missingQualityEvidence,
  returnWindowEnd,
} from './eligibility';

const SH = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('return window', () => {
  // Signed off on 1 Nov 2026 at 15:30 in Shanghai (07:30Z): day 1 is 2 Nov, day 7 ends 8 Nov 24:00 local.
  const deliveredAt = at('2026-11-01T07:30:00Z');

  it('accepts day 7 to its last second and refuses day 8 from its first, in the store zone', () => {
    const decide = (requestedAt: string) =>
      decideEligibility({ deliveredAt, requestedAt: at(requestedAt), special: false, timeZone: SH });
    expect(decide('2026-11-08T15:59:59Z')).toMatchObject({
      eligible: true,
      code: 'within-window',
      windowDays: 7,
    });
    expect(decide('2026-11-08T16:00:00Z')).toMatchObject({ eligible: false, code: 'window-passed' });
    expect(decide('2026-11-08T16:00:00Z').windowEndsAt).toEqual(at('2026-11-08T16:00:00Z'));
  });

  it('gives a special category or case 15 days', () => {
    const decide = (requestedAt: string) =>
      decideEligibility({ deliveredAt, requestedAt: at(requestedAt), special: true, timeZone: SH });
    expect(decide('2026-11-16T15:59:59Z')).toMatchObject({ eligible: true, windowDays: 15 });
    expect(decide('2026-11-16T16:00:00Z')).toMatchObject({ eligible: false, code: 'window-passed' });
    expect(decide('2026-11-16T16:00:00Z').explanation).toContain('15-day (special)');
  });

  it('counts local days of the store: the same instant is another local day in another zone', () => {
    // 1 Nov 23:30 in New York is 2 Nov 12:30 in Shanghai: the New York store's window ends a day earlier.
    const late = at('2026-11-02T04:30:00Z');
    expect(returnWindowEnd(late, 7, 'America/New_York')).toEqual(at('2026-11-09T05:00:00Z'));
    expect(returnWindowEnd(late, 7, SH)).toEqual(at('2026-11-09T16:00:00Z'));
  });

  it('ends at local midnight across a DST change (New York leaves DST on 1 Nov 2026)', () => {
    // Signed off 31 Oct 12:00 EDT (16:00Z); the window ends 8 Nov 00:00 EST = 05:00Z, not 04:00Z.
    const end = returnWindowEnd(at('2026-10-31T16:00:00Z'), 7, 'America/New_York');
    expect(end).toEqual(at('2026-11-08T05:00:00Z'));
    const decide = (requestedAt: string) =>
      decideEligibility({
        deliveredAt: at('2026-10-31T16:00:00Z'),
        requestedAt: at(requestedAt),
        special: false,
        timeZone: 'America/New_York',
      }).eligible;
    expect(decide('2026-11-08T04:59:59Z')).toBe(true);
    expect(decide('2026-11-08T05:00:00Z')).toBe(false);
  });

  it('refuses without a sign-off, and before it', () => {
    expect(
      decideEligibility({ deliveredAt: null, requestedAt: deliveredAt, special: false, timeZone: SH }),
    ).toMatchObject({
      eligible: false,
      code: 'not-delivered',
      windowEndsAt: null,
    });
    expect(
      decideEligibility({
        deliveredAt,
        requestedAt: at('2026-11-01T07:29:59Z'),
        special: false,
        timeZone: SH,
      }).code,
    ).toBe('before-delivery');
  });
});

describe('receipt checks and evidence', () => {
  const all = { originalPackaging: true, tags: true, invoice: true, intact: true };

  it('needs packaging, tags, invoice and intact goods; a quality return need not be intact', () => {
    expect(failedReceiptChecks(all, false)).toEqual([]);
    expect(failedReceiptChecks({ ...all, intact: false }, false)).toEqual(['intact']);
    expect(failedReceiptChecks({ ...all, intact: false }, true)).toEqual([]);
    expect(failedReceiptChecks({ ...all, tags: false, invoice: false }, true)).toEqual(['tags', 'invoice']);
  });

  it('lists what a quality return lacks', () => {
    expect(missingQualityEvidence({ photos: 0, proofs: 0, defectDescription: null })).toEqual([
      'photo',
      'defect-description',
      'proof-of-purchase',
    ]);
    expect(missingQualityEvidence({ photos: 2, proofs: 1, defectDescription: 'seam split' })).toEqual([]);
  });
});
