import {
  escalationChainProblems,
  FALLBACK_ESCALATION,
  overlappingRanges,
  parentCycle,
  usableEscalationChain,
} from './policy.rules';

describe('policy rules', () => {
  // HH:MM times, calendar dates and zone names are the platform's: libs/platform/src/time/zones.spec.ts.

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

  it('uses the well-formed steps of a stored chain, and escalates to management when none names anyone', () => {
    const one = { level: 1, to: 'owner-lead', afterMinutes: 0 };
    const two = { level: 2, to: 'management', afterMinutes: 1440 };
    expect(usableEscalationChain([one, two])).toEqual({ chain: [one, two], problems: [] });
    expect(usableEscalationChain([two, [], one, { ...one, to: 'x' }])).toEqual({
      chain: [one, two],
      problems: ['step 1 is not a { level, to, afterMinutes } step', 'step 3 repeats level 1'],
    });
    const beyondContract = [
      { level: 11, to: 'a', afterMinutes: 0 },
      { level: 1, to: 'x'.repeat(65), afterMinutes: 0 },
    ];
    for (const stored of [
      [[]],
      [],
      [null],
      [{ level: 0, to: 'a', afterMinutes: 0 }],
      beyondContract,
      {},
      null,
    ])
      expect(usableEscalationChain(stored).chain).toEqual([FALLBACK_ESCALATION]);
    expect(usableEscalationChain([[]]).problems).toContain('no step names anyone: escalating to management');
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
