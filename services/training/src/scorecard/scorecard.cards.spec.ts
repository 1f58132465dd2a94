import { buildScorecards } from './scorecard.cards';
import type { Aggregate } from './scorecard.repository';
import { ScorecardPolicy } from './scorecard.rules';

const policy: ScorecardPolicy = {
  weights: { satisfaction: 50, compliance: 50, complaintHandling: 0, training: 0, sales: 0 },
  minSamples: { satisfaction: 2, compliance: 1, complaintHandling: 1, training: 1, sales: 1 },
  starCount: 1,
};
const agg = (over: Partial<Aggregate>): Aggregate => ({
  scope: 'employee',
  subjectId: 'E1',
  storeId: 'S1',
  responses: 0,
  satisfied: 0,
  audits: 0,
  auditAvg: null,
  complaints: 0,
  resolved: 0,
  resolvedInSla: 0,
  resolutionHours: null,
  breaches: 0,
  attempts: 0,
  attemptAvg: null,
  sales: 0,
  salesAmountMinor: 0,
  ...over,
});

describe('buildScorecards', () => {
  it('scores, ranks across the company and within the store, with ties', () => {
    const cards = buildScorecards(
      '2026-11',
      [
        agg({ subjectId: 'E1', storeId: 'S1', responses: 2, satisfied: 2, audits: 1, auditAvg: 80 }),
        agg({ subjectId: 'E2', storeId: 'S1', responses: 2, satisfied: 1, audits: 1, auditAvg: 90 }),
        agg({ subjectId: 'E3', storeId: 'S2', responses: 2, satisfied: 2, audits: 1, auditAvg: 80 }),
        agg({ subjectId: 'E4', storeId: 'S2', responses: 1, satisfied: 1 }),
      ],
      policy,
      new Map(),
    );
    expect(cards.map((c) => [c.subjectId, c.score, c.rankOverall, c.rankInStore, c.clearsMinimums])).toEqual([
      ['E1', 90, 1, 1, true],
      ['E2', 70, 3, 2, true],
      ['E3', 90, 1, 1, true],
      ['E4', null, null, null, false],
    ]);
    expect(cards[1].figures).toMatchObject({
      satisfactionPct: 50,
      compliancePct: 90,
      counted: ['satisfaction', 'compliance'],
    });
  });

  it('shows the staff survey on the store card against the 85 % target', () => {
    const [store] = buildScorecards(
      '2026-11',
      [agg({ scope: 'store', subjectId: 'S1' })],
      policy,
      new Map([['S1', { pct: 84.9, respondents: 20 }]]),
    );
    expect(store.figures).toMatchObject({ staffSatisfactionPct: 84.9, staffSatisfactionMeetsTarget: false });
    expect(store.rankInStore).toBeNull();
  });

  it('shows sales beside the score, as a share of the best seller of the same scope; weighted only when the lead says', () => {
    const month = [
      agg({ subjectId: 'E1', responses: 2, satisfied: 2, sales: 3, salesAmountMinor: 400_000 }),
      agg({ subjectId: 'E2', responses: 2, satisfied: 2, sales: 1, salesAmountMinor: 100_000 }),
      agg({ scope: 'store', subjectId: 'S1', sales: 9, salesAmountMinor: 2_000_000 }),
    ];
    const plain = buildScorecards('2026-11', month, policy, new Map());
    expect(
      plain.map((c) => [
        c.subjectId,
        c.figures.sales,
        c.figures.salesAmountMinor,
        c.figures.salesPct,
        c.score,
      ]),
    ).toEqual([
      ['E1', 3, 400_000, 100, 100],
      ['E2', 1, 100_000, 25, 100],
      ['S1', 9, 2_000_000, 100, null],
    ]);
    expect(plain.map((c) => c.rankOverall)).toEqual([1, 1, null]);
    const weighted = { ...policy, weights: { ...policy.weights, compliance: 0, sales: 50 } };
    // E2: (50*100 + 50*25) / 100; the store has only sales: 100.
    expect(
      buildScorecards('2026-11', month, weighted, new Map()).map((c) => [c.score, c.rankOverall]),
    ).toEqual([
      [100, 1],
      [62.5, 2],
      [100, 1],
    ]);
  });
});
