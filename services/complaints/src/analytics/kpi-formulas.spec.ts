import type { KpiCounts } from './analytics.repository';
import { complaintRate, kpiRatios, ratio } from './kpi-formulas';
import { kpiTargets, meetsTarget, repeatTarget } from './targets';

const counts = (over: Partial<KpiCounts> = {}): KpiCounts => ({
  received: 100,
  withdrawn: 4,
  resolved: 90,
  repeats: 6,
  reopened: 3,
  firstResponseMet: 95,
  firstResponseMissed: 3,
  resolutionMet: 80,
  resolutionMissed: 10,
  surveyed: 40,
  satisfied: 34,
  firstResponseCount: 98,
  firstResponseMeanHours: 3,
  firstResponseP90Hours: 20,
  resolutionCount: 90,
  resolutionMeanHours: 30,
  resolutionP90Hours: 70,
  ...over,
});

describe('the KPI formulas of the seeds', () => {
  it('divides each count by what it rests on', () => {
    expect(kpiRatios(counts())).toEqual({
      resolutionRate: { numerator: 90, denominator: 96, value: 90 / 96 }, // withdrawn are neither
      firstResponseInTime: { numerator: 95, denominator: 98, value: 95 / 98 }, // of those judged
      resolutionInTime: { numerator: 80, denominator: 90, value: 80 / 90 },
      repeatRate: { numerator: 6, denominator: 100, value: 0.06 },
      reopenRate: { numerator: 3, denominator: 100, value: 0.03 },
      satisfaction: { numerator: 34, denominator: 40, value: 0.85 },
    });
    expect(complaintRate(counts(), 12_000)).toEqual({
      numerator: 100,
      denominator: 12_000,
      value: 100 / 12_000,
    });
  });

  it('gives null, not zero, where nothing can be measured', () => {
    const none = kpiRatios(
      counts({
        received: 0,
        withdrawn: 0,
        resolved: 0,
        repeats: 0,
        reopened: 0,
        firstResponseMet: 0,
        firstResponseMissed: 0,
        resolutionMet: 0,
        resolutionMissed: 0,
        surveyed: 0,
        satisfied: 0,
      }),
    );
    for (const r of Object.values(none)) expect(r.value).toBeNull();
    expect(kpiRatios(counts({ received: 2, withdrawn: 2, resolved: 0 })).resolutionRate.value).toBeNull();
    expect(complaintRate(counts(), 0).value).toBeNull();
    expect(ratio(0, 5).value).toBe(0); // measured, and none
  });

  it('holds first response in time to every complaint (1) unless the lead says otherwise, and the solution clock always', () => {
    const T = kpiTargets({
      satisfaction: 0.9,
      resolutionRate: 0.95,
      complaintRate: 0.01,
      firstResponseInTime: 1,
      firstResponseHoursP90: 24,
      resolutionHoursP90: 72,
    });
    const r = kpiRatios(counts({ firstResponseMet: 97, firstResponseMissed: 1 }));
    expect(meetsTarget(r.firstResponseInTime.value, T.firstResponseSla)).toBe(false); // 97 of 98 is not every one
    expect(meetsTarget(1, T.firstResponseSla)).toBe(true);
    expect(T.resolutionSla.value).toBe(1);
    expect(meetsTarget(r.resolutionRate.value, T.resolutionRate)).toBe(false); // 93.75 % < 95 %
    expect(meetsTarget(0.95, T.resolutionRate)).toBe(true); // on the target meets it
    expect(meetsTarget(complaintRate(counts(), 10_000).value, T.complaintRate)).toBe(true); // 1 % <= 1 %
    expect(meetsTarget(null, T.complaintRate)).toBeNull();
  });

  it('holds the repeat rate to half the rate of the same period a year earlier, and to nothing without one', () => {
    expect(repeatTarget(0.12)).toMatchObject({ operator: '<=', value: 0.06 });
    expect(meetsTarget(0.06, repeatTarget(0.12)!)).toBe(true);
    expect(meetsTarget(0.061, repeatTarget(0.12)!)).toBe(false);
    expect(repeatTarget(null)).toBeNull();
    expect(repeatTarget(kpiRatios(counts({ received: 0, repeats: 0 })).repeatRate.value)).toBeNull();
  });
});
