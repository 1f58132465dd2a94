import type { EscalationStep } from '../policy/policy.entity';
import { escalationDue, markClock, runningClocks } from './complaint-clocks';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const chain: EscalationStep[] = [
  { level: 1, to: 'owner-lead', afterMinutes: 0 },
  { level: 2, to: 'management', afterMinutes: 1440 },
  { level: 3, to: 'board', afterMinutes: 4320 },
];

function complaint(over: Partial<Parameters<typeof runningClocks>[0] & { escalationLevel: number }> = {}) {
  return {
    firstRespondedAt: null,
    firstResponseDueAt: at('2026-03-03T00:00:00Z'),
    firstResponseWarnedAt: null,
    firstResponseBreachedAt: null,
    resolutionDueAt: at('2026-03-05T00:00:00Z'),
    resolutionWarnedAt: null,
    resolutionBreachedAt: null,
    escalationLevel: 0,
    ...over,
  };
}

describe('runningClocks', () => {
  it('runs the first response until it is given, and the solution clock unless paused', () => {
    expect(runningClocks(complaint()).map((k) => k.clock)).toEqual(['first-response', 'resolution']);
    expect(
      runningClocks(complaint({ firstRespondedAt: at('2026-03-02T01:00:00Z') })).map((k) => k.clock),
    ).toEqual(['resolution']);
    expect(runningClocks(complaint({ resolutionDueAt: null })).map((k) => k.clock)).toEqual([
      'first-response',
    ]);
  });

  it('marks a clock warned or breached on its own columns', () => {
    const c = complaint();
    markClock(c, 'resolution', 'warnedAt', at('2026-03-04T22:00:00Z'));
    markClock(c, 'first-response', 'breachedAt', at('2026-03-03T00:00:01Z'));
    expect(runningClocks(c)).toEqual([
      {
        clock: 'first-response',
        dueAt: c.firstResponseDueAt,
        warnedAt: null,
        breachedAt: at('2026-03-03T00:00:01Z'),
      },
      {
        clock: 'resolution',
        dueAt: c.resolutionDueAt,
        warnedAt: at('2026-03-04T22:00:00Z'),
        breachedAt: null,
      },
    ]);
  });
});

describe('escalationDue', () => {
  it('is null before any level has passed, or when the complaint is there already', () => {
    expect(escalationDue(complaint(), chain, at('2026-03-03T00:00:00Z'))).toBeNull();
    expect(escalationDue(complaint({ escalationLevel: 1 }), chain, at('2026-03-03T01:00:00Z'))).toBeNull();
  });

  it('lists every level passed since the current one, lowest first, with the clock that brought them', () => {
    // First response due 3 Mar: on 6 Mar 01:00 it is 73 h late (levels 1-3); the solution clock only 25 h (1-2).
    expect(escalationDue(complaint({ escalationLevel: 1 }), chain, at('2026-03-06T01:00:00Z'))).toEqual({
      clock: 'first-response',
      steps: [chain[1], chain[2]],
    });
  });

  it('follows the solution clock once the first response is given', () => {
    const answered = complaint({ firstRespondedAt: at('2026-03-02T10:00:00Z') });
    expect(escalationDue(answered, chain, new Date(at('2026-03-05T00:00:00Z').getTime() + H))).toEqual({
      clock: 'resolution',
      steps: [chain[0]],
    });
    expect(
      escalationDue({ ...answered, resolutionDueAt: null }, chain, at('2026-04-01T00:00:00Z')),
    ).toBeNull(); // paused
  });
});
