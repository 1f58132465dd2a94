import {
  canonicalTimeZone,
  escalationChainProblems,
  isCalendarDate,
  minutesOf,
  overlappingRanges,
  parentCycle,
} from './policy.rules';

describe('policy rules', () => {
  it('reads HH:MM times, with 24:00 as the end of the day', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('23:59')).toBe(1439);
    expect(minutesOf('24:00')).toBe(1440);
    for (const bad of ['9:30', '24:01', '12:60', '1200', '', '12:00:00']) expect(minutesOf(bad)).toBeNull();
  });

  it('knows real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('accepts IANA zone names in their canonical spelling and nothing else', () => {
    expect(canonicalTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata'); // not ICU's legacy Asia/Calcutta
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    for (const bad of ['Mars/Olympus', '+08:00', 'Shanghai', '', 'Asia/Shanghai; DROP'])
      expect(canonicalTimeZone(bad)).toBeNull();
  });

  it('wants escalation levels 1..n in order with times that never go back', () => {
    const step = (level: number, afterMinutes: number) => ({ level, to: 'x', afterMinutes });
    expect(escalationChainProblems([step(1, -30), step(2, 0), step(3, 0)])).toEqual([]);
    expect(escalationChainProblems([step(2, 0)])).toEqual([
      'step 0 has level 2: levels must run 1..n in order',
    ]);
    expect(escalationChainProblems([step(1, 0), step(1, 10)])).toHaveLength(1);
    expect(escalationChainProblems([step(1, 60), step(2, 30)])[0]).toMatch(/afterMinutes must not decrease/);
  });

  it('finds overlapping opening ranges, whatever their order; touching is fine', () => {
    const r = (from: string, to: string) => ({ from, to });
    expect(overlappingRanges([r('10:00', '14:00'), r('14:00', '18:00')])).toEqual([]);
    expect(overlappingRanges([r('14:00', '18:00'), r('10:00', '14:30')])).toEqual([
      'range 0 (14:00-18:00) overlaps range 1 (10:00-14:30)',
    ]);
    // The long range overlaps the last one although the middle one does not.
    expect(overlappingRanges([r('08:00', '20:00'), r('09:00', '10:00'), r('19:00', '21:00')])).toHaveLength(
      2,
    );
    expect(overlappingRanges([r('18:00', '10:00'), r('09:00', '19:00')])).toEqual([]); // a backwards range is reported by its own check
  });

  it('finds the loop a new parent would close', () => {
    const parents = new Map<string, string | null>([
      ['quality', null],
      ['zip', 'quality'],
      ['slider', 'zip'],
      ['delivery', null],
    ]);
    expect(parentCycle('quality', 'slider', parents)).toEqual(['quality', 'slider', 'zip', 'quality']);
    expect(parentCycle('zip', 'zip', parents)).toEqual(['zip', 'zip']);
    expect(parentCycle('delivery', 'slider', parents)).toBeNull();
    expect(parentCycle('quality', null, parents)).toBeNull();
    // An old loop elsewhere does not hang the check.
    expect(
      parentCycle(
        'delivery',
        'a',
        new Map([
          ['a', 'b'],
          ['b', 'a'],
        ]),
      ),
    ).toBeNull();
  });
});
