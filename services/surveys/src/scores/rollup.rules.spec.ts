import { dayRange, lastClosedDay, planSources } from './rollup.rules';

const at = (iso: string) => new Date(iso);
const ymd = (s: string) => {
  const [year, month, day] = s.split('-').map(Number);
  return { year, month, day };
};
const iso = (spans: [Date, Date][]) => spans.map(([a, b]) => [a.toISOString(), b.toISOString()]);

describe('planSources: rolled-up days inside a period, raw answers for the rest', () => {
  // April 2026 in Shanghai: 2026-03-31T16:00Z .. 2026-04-30T16:00Z.
  const april = [at('2026-04-01T00:00:00+08:00'), at('2026-05-01T00:00:00+08:00')];

  it('reads a Shanghai month from the rollup alone once it is rolled up', () => {
    const plan = planSources(april, ymd('2026-05-01'));
    expect(plan.days).toHaveLength(30);
    expect(plan.days[0]).toBe('2026-04-01');
    expect(plan.days[29]).toBe('2026-04-30');
    expect(plan.raw).toEqual([]);
  });

  it('reads the days since the watermark raw', () => {
    const plan = planSources(april, ymd('2026-04-28'));
    expect(plan.days).toHaveLength(27);
    expect(plan.days[26]).toBe('2026-04-27');
    expect(iso(plan.raw)).toEqual([['2026-04-27T16:00:00.000Z', '2026-04-30T16:00:00.000Z']]);
  });

  it('reads everything raw when nothing is rolled up, or the watermark is before the period', () => {
    expect(iso(planSources(april, null).raw)).toEqual([
      ['2026-03-31T16:00:00.000Z', '2026-04-30T16:00:00.000Z'],
    ]);
    expect(planSources(april, ymd('2026-03-15')).days).toEqual([]);
  });

  it('a month counted in UTC: the partial Shanghai days at both edges are read raw', () => {
    const plan = planSources([at('2026-04-01T00:00:00Z'), at('2026-05-01T00:00:00Z')], ymd('2026-06-01'));
    // 2026-04-01 in Shanghai starts 2026-03-31T16:00Z, before the period: not whole inside it.
    expect(plan.days[0]).toBe('2026-04-02');
    expect(plan.days[plan.days.length - 1]).toBe('2026-04-30');
    expect(iso(plan.raw)).toEqual([
      ['2026-04-01T00:00:00.000Z', '2026-04-01T16:00:00.000Z'],
      ['2026-04-30T16:00:00.000Z', '2026-05-01T00:00:00.000Z'],
    ]);
  });

  it('several periods: each day belongs to one, and adjacent raw spans are merged', () => {
    const bounds = [at('2026-04-06T00:00:00Z'), at('2026-04-13T00:00:00Z'), at('2026-04-20T00:00:00Z')];
    const plan = planSources(bounds, ymd('2026-06-01'));
    expect(plan.days).toEqual([
      '2026-04-07',
      '2026-04-08',
      '2026-04-09',
      '2026-04-10',
      '2026-04-11',
      '2026-04-12',
      '2026-04-14',
      '2026-04-15',
      '2026-04-16',
      '2026-04-17',
      '2026-04-18',
      '2026-04-19',
    ]);
    expect(iso(plan.raw)).toEqual([
      ['2026-04-06T00:00:00.000Z', '2026-04-06T16:00:00.000Z'],
      ['2026-04-12T16:00:00.000Z', '2026-04-13T16:00:00.000Z'],
      ['2026-04-19T16:00:00.000Z', '2026-04-20T00:00:00.000Z'],
    ]);
  });

  it('a period shorter than a day is read raw', () => {
    const plan = planSources([at('2026-04-02T01:00:00Z'), at('2026-04-02T05:00:00Z')], ymd('2026-06-01'));
    expect(plan.days).toEqual([]);
    expect(plan.raw).toHaveLength(1);
  });
});

describe('lastClosedDay', () => {
  it('is yesterday in Shanghai once the grace after midnight has passed', () => {
    // 00:04 Shanghai on 2 April: 1 April has not been closed for 5 minutes yet.
    expect(lastClosedDay(at('2026-04-01T16:04:00Z'), 300_000)).toEqual(ymd('2026-03-31'));
    expect(lastClosedDay(at('2026-04-01T16:05:00Z'), 300_000)).toEqual(ymd('2026-04-01'));
  });
});

describe('dayRange', () => {
  it('is one range, leaving out the days a period edge cuts', () => {
    expect(dayRange(['2026-04-07', '2026-04-08', '2026-04-10'])).toEqual({
      from: '2026-04-07',
      until: '2026-04-11',
      except: ['2026-04-09'],
    });
    expect(dayRange(['2026-02-28', '2026-03-01'])).toEqual({
      from: '2026-02-28',
      until: '2026-03-02',
      except: [],
    });
    expect(dayRange([])).toBeNull();
  });
});
