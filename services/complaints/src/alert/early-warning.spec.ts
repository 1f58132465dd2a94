import type { KpiCounts } from '../analytics/analytics.repository';
import { decide, Figure, figuresOf } from './early-warning';

const figure = (over: Partial<Figure> = {}): Figure => ({
  metric: 'resolution-rate',
  value: 0.9,
  cases: 20,
  operator: '>=',
  target: 0.95,
  ...over,
});

describe('decide (one alert per breach, raised again only after recovery)', () => {
  it('raises a breach once, keeps it while it lasts, recovers when the figure meets the target', () => {
    expect(decide(figure(), false, 20)).toBe('raise');
    expect(decide(figure(), true, 20)).toBe('keep');
    expect(decide(figure({ value: 0.95 }), true, 20)).toBe('recover');
    expect(decide(figure({ value: 0.95 }), false, 20)).toBe('keep');
    expect(decide(figure(), false, 20)).toBe('raise'); // after recovery: a new breach
  });

  it('decides nothing on too few cases or no figure', () => {
    expect(decide(figure({ cases: 19 }), false, 20)).toBe('keep');
    expect(decide(figure({ cases: 19, value: 1 }), true, 20)).toBe('keep');
    expect(decide(figure({ value: null }), true, 20)).toBe('keep');
  });

  it('holds an at-most target the other way round, the target itself meeting it', () => {
    const rate = figure({ metric: 'complaint-rate', operator: '<=', target: 0.01 });
    expect(decide({ ...rate, value: 0.011 }, false, 20)).toBe('raise');
    expect(decide({ ...rate, value: 0.01 }, true, 20)).toBe('recover');
  });
});

describe('figuresOf', () => {
  const counts = {
    received: 40,
    withdrawn: 2,
    resolved: 19,
    repeats: 4,
    firstResponseMet: 30,
    firstResponseMissed: 2,
    surveyed: 10,
    satisfied: 8,
  } as KpiCounts;
  const targets = {
    satisfaction: 0.9,
    resolutionRate: 0.95,
    complaintRate: 0.01,
    firstResponseInTime: 0.9,
  } as Parameters<typeof figuresOf>[2];

  it('computes each figure with its cases and target; the complaint rate only with orders', () => {
    expect(figuresOf(counts, 2000, targets, 0.1)).toEqual([
      { metric: 'complaint-rate', value: 0.02, cases: 2000, operator: '<=', target: 0.01 },
      { metric: 'first-response-in-time', value: 30 / 32, cases: 32, operator: '>=', target: 0.9 }, // the lead's
      { metric: 'resolution-rate', value: 0.5, cases: 38, operator: '>=', target: 0.95 },
      { metric: 'satisfaction', value: 0.8, cases: 10, operator: '>=', target: 0.9 },
      { metric: 'repeat-rate', value: 0.1, cases: 40, operator: '<=', target: 0.05 }, // half of last year's 10%
    ]);
    const noOrders = figuresOf(counts, null, targets, null).map((f) => f.metric);
    expect(noOrders).not.toContain('complaint-rate');
    expect(noOrders).not.toContain('repeat-rate');
    expect(figuresOf({ ...counts, surveyed: 0, satisfied: 0 }, 0, targets, null)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ metric: 'satisfaction', value: null, cases: 0 }),
        expect.objectContaining({ metric: 'complaint-rate', value: null, cases: 0 }),
      ]),
    );
  });
});
