import { IMPORTANCES, URGENCIES } from './complaint.entity';
import { isMajor, triage, TriageFacts } from './priority';

const base: TriageFacts = {
  urgency: 'low',
  importance: 'low',
  tier: null,
  vipTiers: ['gold', 'diamond'],
  majorCategory: false,
  departments: [],
};

describe('triage', () => {
  it.each([
    ['low', 'low', 'P4'],
    ['low', 'medium', 'P4'],
    ['low', 'high', 'P3'],
    ['low', 'critical', 'P2'],
    ['medium', 'low', 'P4'],
    ['medium', 'medium', 'P3'],
    ['medium', 'high', 'P2'],
    ['medium', 'critical', 'P1'],
    ['high', 'low', 'P3'],
    ['high', 'medium', 'P2'],
    ['high', 'high', 'P1'],
    ['high', 'critical', 'P1'],
    ['critical', 'low', 'P2'],
    ['critical', 'medium', 'P1'],
    ['critical', 'high', 'P1'],
    ['critical', 'critical', 'P1'],
  ] as const)('urgency %s and importance %s give %s', (urgency, importance, expected) => {
    expect(triage({ ...base, urgency, importance }).priority).toBe(expected);
  });

  it('covers every cell of the matrix', () => {
    for (const u of URGENCIES)
      for (const i of IMPORTANCES)
        expect(triage({ ...base, urgency: u, importance: i }).priority).toMatch(/^P[1-4]$/);
  });

  it('raises a VIP one step, never past P1', () => {
    expect(triage({ ...base, urgency: 'medium', importance: 'medium', tier: 'gold' })).toMatchObject({
      priority: 'P2',
      isVip: true,
    });
    expect(triage({ ...base, urgency: 'high', importance: 'high', tier: 'diamond' }).priority).toBe('P1');
    expect(triage({ ...base, urgency: 'medium', importance: 'medium', tier: 'silver' })).toMatchObject({
      priority: 'P3',
      isVip: false,
    });
  });

  it('honours the VIP tiers of the policy', () => {
    expect(
      triage({ ...base, urgency: 'medium', importance: 'medium', tier: 'silver', vipTiers: ['silver'] })
        .priority,
    ).toBe('P2');
  });

  it('makes major complaints at least P2 and says why', () => {
    const t = triage({ ...base, majorCategory: true });
    expect(t).toMatchObject({ priority: 'P2', isMajor: true });
    expect(t.reasons.join(' ')).toMatch(/major/);
  });

  it('flags multi-department and critical complaints as major', () => {
    expect(isMajor({ importance: 'low', majorCategory: false, departments: ['quality', 'logistics'] })).toBe(
      true,
    );
    expect(isMajor({ importance: 'low', majorCategory: false, departments: ['quality', 'quality'] })).toBe(
      false,
    );
    expect(isMajor({ importance: 'critical', majorCategory: false, departments: [] })).toBe(true);
    expect(isMajor({ importance: 'high', majorCategory: false, departments: ['quality'] })).toBe(false);
  });
});
