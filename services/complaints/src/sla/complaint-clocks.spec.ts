import type { EscalationStep } from '../policy/policy.entity';
import { escalationsDue, markClock, promisedDeadlines, runningClocks } from './complaint-clocks';

const H = 3_600_000;
const at = (iso: string) => new Date(iso);
const chain: EscalationStep[] = [
  { level: 1, to: 'owner-lead', afterMinutes: 0 },
  { level: 2, to: 'management', afterMinutes: 1440 },
  { level: 3, to: 'board', afterMinutes: 4320 },
];

function complaint(over: Partial<Parameters<typeof escalationsDue>[0]> = {}) {
  return {
    firstRespondedAt: null,
    firstResponseDueAt: at('2026-03-03T00:00:00Z'),
    firstResponseWarnedAt: null,
    firstResponseBreachedAt: null,
    resolutionDueAt: at('2026-03-05T00:00:00Z'),
    resolutionWarnedAt: null,
    resolutionBreachedAt: null,
    escalationLevels: {},
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

describe('escalationsDue', () => {
  it('is empty before any level has passed, or when the clock is there already', () => {
    expect(escalationsDue(complaint(), chain, at('2026-03-03T00:00:00Z'))).toEqual([]);
    expect(
      escalationsDue(
        complaint({ escalationLevels: { 'first-response-sla': 1 } }),
        chain,
        at('2026-03-03T01:00:00Z'),
      ),
    ).toEqual([]);
  });

  it('lists every level each clock passed since its own level, lowest first', () => {
    // First response due 3 Mar: on 6 Mar 01:00 it is 73 h late (levels 1-3); the solution clock 25 h (1-2).
    expect(
      escalationsDue(
        complaint({ escalationLevels: { 'first-response-sla': 1 } }),
        chain,
        at('2026-03-06T01:00:00Z'),
      ),
    ).toEqual([
      { clock: 'first-response', cause: 'first-response-sla', steps: [chain[1], chain[2]] },
      { clock: 'resolution', cause: 'resolution-sla', steps: [chain[0], chain[1]] },
    ]);
  });

  it('is held back by no other cause: a breach after a reopening or a dissatisfied answer escalates', () => {
    const answered = complaint({
      firstRespondedAt: at('2026-03-02T10:00:00Z'),
      escalationLevels: { 'reopened-too-often': 2, dissatisfied: 1, 'first-response-sla': 3 },
    });
    expect(escalationsDue(answered, chain, new Date(at('2026-03-05T00:00:00Z').getTime() + H))).toEqual([
      { clock: 'resolution', cause: 'resolution-sla', steps: [chain[0]] },
    ]);
    expect(escalationsDue({ ...answered, resolutionDueAt: null }, chain, at('2026-04-01T00:00:00Z'))).toEqual(
      [],
    ); // paused
  });
});

describe('promisedDeadlines', () => {
  const promised = {
    receivedAt: at('2026-03-02T09:00:00Z'), // a Monday
    resolutionClockStartedAt: at('2026-03-02T09:00:00Z'),
    firstResponseHours: 4,
    resolutionHours: 16,
    slaRuleId: null,
  };
  const nineToFive = {
    timeZone: 'UTC',
    weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ from: '09:00', to: '17:00' }]])),
    holidays: [],
  };

  it('counts the hours promised in the calendar promised, or around the clock without one', () => {
    expect(promisedDeadlines({ ...promised, slaCalendar: nineToFive }, [])).toEqual({
      firstResponseDueAt: at('2026-03-02T13:00:00Z'),
      resolutionDueAt: at('2026-03-03T17:00:00Z'),
    });
    expect(promisedDeadlines({ ...promised, slaCalendar: null }, [])).toEqual({
      firstResponseDueAt: at('2026-03-02T13:00:00Z'),
      resolutionDueAt: at('2026-03-03T01:00:00Z'),
    });
  });

  it('moves the solution deadline by the working time of the pauses', () => {
    const pause = { pausedAt: at('2026-03-02T16:00:00Z'), resumedAt: at('2026-03-03T10:00:00Z') };
    expect(promisedDeadlines({ ...promised, slaCalendar: nineToFive }, [pause]).resolutionDueAt).toEqual(
      at('2026-03-04T11:00:00Z'), // Monday 16:00-17:00 and Tuesday 09:00-10:00: two working hours later
    );
  });
});
