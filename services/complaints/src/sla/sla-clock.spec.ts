import type { EscalationStep } from '../policy/policy.entity';
import {
  BusinessCalendar,
  computeDeadlines,
  deadlinePassed,
  escalationLevelDue,
  explainClock,
  ExplainInput,
  formatDuration,
  pickTargets,
  SlaRuleLike,
  warningDue,
} from './sla-clock';

const H = 3_600_000;
const M = 60_000;
const S = 1_000;
const at = (iso: string) => new Date(iso);

/** The default calendar the migration seeds: Shanghai, 10:00-22:00 every day (02:00Z-14:00Z). */
const shanghai: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  weekly: Object.fromEntries(
    ['0', '1', '2', '3', '4', '5', '6'].map((d) => [d, [{ from: '10:00', to: '22:00' }]]),
  ),
  holidays: [],
};
const aroundTheClock = { firstResponseHours: 24, resolutionHours: 72, businessHours: false };

describe('pickTargets', () => {
  const rule = (
    id: string,
    r: Partial<SlaRuleLike>,
    fr: number,
    res: number,
    businessHours = false,
  ): SlaRuleLike => ({
    id,
    priority: null,
    channel: null,
    tier: null,
    ...r,
    firstResponseHours: fr,
    resolutionHours: res,
    businessHours,
  });
  // The seeded rules: P1 4/24, P2 12/48, diamond 8/48.
  const seeded = [
    rule('p1', { priority: 'P1' }, 4, 24),
    rule('p2', { priority: 'P2' }, 12, 48),
    rule('diamond', { tier: 'diamond' }, 8, 48),
  ];
  const defaults = { firstResponseHours: 24, resolutionHours: 72 };

  it('falls back to the policy defaults, around the clock, when no rule matches', () => {
    expect(pickTargets(seeded, { priority: 'P3', channel: 'hotline', tier: 'gold' }, defaults)).toEqual({
      firstResponseHours: 24,
      resolutionHours: 72,
      businessHours: false,
      ruleId: null,
    });
    expect(pickTargets([], { priority: 'P1', channel: 'email', tier: null }, defaults).ruleId).toBeNull();
  });

  it('applies a matching rule, with its calendar mode', () => {
    expect(pickTargets(seeded, { priority: 'P1', channel: 'email', tier: null }, defaults)).toEqual({
      firstResponseHours: 4,
      resolutionHours: 24,
      businessHours: false,
      ruleId: 'p1',
    });
    const storeBox = rule('box', { channel: 'store-box' }, 10, 30, true);
    expect(
      pickTargets([storeBox], { priority: 'P4', channel: 'store-box', tier: null }, defaults),
    ).toMatchObject({ businessHours: true, ruleId: 'box' });
  });

  it('does not match a tier rule when the customer has no known tier', () => {
    expect(
      pickTargets(seeded, { priority: 'P3', channel: 'online', tier: null }, defaults).ruleId,
    ).toBeNull();
    expect(pickTargets(seeded, { priority: 'P3', channel: 'online', tier: 'diamond' }, defaults).ruleId).toBe(
      'diamond',
    );
  });

  it('lets the most specific rule win, even with a longer target', () => {
    const rules = [
      ...seeded,
      rule('p1-hotline', { priority: 'P1', channel: 'hotline' }, 6, 30),
      rule('any', {}, 1, 1),
    ];
    expect(pickTargets(rules, { priority: 'P1', channel: 'hotline', tier: 'diamond' }, defaults).ruleId).toBe(
      'p1-hotline',
    );
    expect(pickTargets(rules, { priority: 'P1', channel: 'email', tier: null }, defaults).ruleId).toBe('p1');
    // A catch-all rule (no fields) beats the defaults but nothing else.
    expect(pickTargets(rules, { priority: 'P4', channel: 'email', tier: null }, defaults).ruleId).toBe('any');
  });

  it('breaks ties by the shortest resolution, then the shortest first response, whatever the order', () => {
    // P1 diamond: P1 (24 h) beats diamond (48 h). P2 diamond: both 48 h, diamond answers sooner (8 h < 12 h).
    for (const rules of [seeded, [...seeded].reverse()]) {
      expect(
        pickTargets(rules, { priority: 'P1', channel: 'social', tier: 'diamond' }, defaults).ruleId,
      ).toBe('p1');
      expect(
        pickTargets(rules, { priority: 'P2', channel: 'social', tier: 'diamond' }, defaults).ruleId,
      ).toBe('diamond');
    }
    const twins = [rule('b', { channel: 'email' }, 5, 5), rule('a', { priority: 'P3' }, 5, 5)];
    expect(pickTargets(twins, { priority: 'P3', channel: 'email', tier: null }, defaults).ruleId).toBe('a');
    expect(
      pickTargets([...twins].reverse(), { priority: 'P3', channel: 'email', tier: null }, defaults).ruleId,
    ).toBe('a');
  });
});

describe('computeDeadlines', () => {
  const receivedAt = at('2026-03-02T08:00:00Z');
  const base = {
    receivedAt,
    resolutionClockStartedAt: receivedAt,
    targets: aroundTheClock,
    calendar: null,
    pauses: [],
  };

  it('counts 24 h and 72 h from receipt around the clock', () => {
    expect(computeDeadlines(base)).toEqual({
      firstResponseDueAt: at('2026-03-03T08:00:00Z'),
      resolutionDueAt: at('2026-03-05T08:00:00Z'),
    });
  });

  it('ignores the calendar unless the targets are in business hours', () => {
    expect(computeDeadlines({ ...base, calendar: shanghai })).toEqual(computeDeadlines(base));
  });

  it('moves the solution deadline by each finished pause, to the second; never the first response', () => {
    const pauses = [
      { pausedAt: at('2026-03-03T08:00:00Z'), resumedAt: at('2026-03-03T20:30:15Z') }, // 12:30:15
      { pausedAt: at('2026-03-04T00:00:00Z'), resumedAt: at('2026-03-04T00:00:01Z') }, // 1 s
    ];
    expect(computeDeadlines({ ...base, pauses })).toEqual({
      firstResponseDueAt: at('2026-03-03T08:00:00Z'),
      resolutionDueAt: at('2026-03-05T20:30:16Z'),
    });
  });

  it('has no solution deadline while a pause is open', () => {
    const pauses = [{ pausedAt: at('2026-03-03T08:00:00Z'), resumedAt: null }];
    expect(computeDeadlines({ ...base, pauses })).toEqual({
      firstResponseDueAt: at('2026-03-03T08:00:00Z'),
      resolutionDueAt: null,
    });
  });

  it('starts a reopened complaint on a fresh solution clock: its age and its old pauses do not count', () => {
    const reopenedAt = at('2026-03-20T09:15:00Z');
    const pauses = [{ pausedAt: at('2026-03-03T08:00:00Z'), resumedAt: at('2026-03-04T08:00:00Z') }];
    expect(
      computeDeadlines({ ...base, resolutionClockStartedAt: reopenedAt, pauses }).resolutionDueAt,
    ).toEqual(at('2026-03-23T09:15:00Z'));
  });

  it('counts only the part of a pause after the clock started', () => {
    const startedAt = at('2026-03-10T00:00:00Z');
    const pauses = [{ pausedAt: at('2026-03-09T00:00:00Z'), resumedAt: at('2026-03-10T02:00:00Z') }];
    expect(
      computeDeadlines({ ...base, resolutionClockStartedAt: startedAt, pauses }).resolutionDueAt,
    ).toEqual(at('2026-03-13T02:00:00Z'));
  });

  it('does not move a deadline that passed before the pause began (the breach stands)', () => {
    const pauses = [{ pausedAt: at('2026-03-06T00:00:00Z'), resumedAt: at('2026-03-07T00:00:00Z') }];
    expect(computeDeadlines({ ...base, pauses }).resolutionDueAt).toEqual(at('2026-03-05T08:00:00Z'));
  });

  it('counts overlapping pauses once', () => {
    const pauses = [
      { pausedAt: at('2026-03-03T00:00:00Z'), resumedAt: at('2026-03-03T10:00:00Z') },
      { pausedAt: at('2026-03-03T02:00:00Z'), resumedAt: at('2026-03-03T04:00:00Z') }, // inside the first
      { pausedAt: at('2026-03-03T09:00:00Z'), resumedAt: at('2026-03-03T12:00:00Z') }, // overlaps its end
    ];
    expect(computeDeadlines({ ...base, pauses }).resolutionDueAt).toEqual(at('2026-03-05T20:00:00Z')); // 12 h of pauses
  });

  it('counts targets and pauses in business hours (Shanghai 10:00-22:00)', () => {
    // Mon 2 Mar 10:00 local; 8 h to answer, 48 h (four days of 12 h) to solve.
    // Paused Tue 20:00 -> Wed 11:00 local = 3 working hours (20-22, 10-11): due Fri 13:00 local.
    const mon10 = at('2026-03-02T02:00:00Z');
    const d = computeDeadlines({
      receivedAt: mon10,
      resolutionClockStartedAt: mon10,
      targets: { firstResponseHours: 8, resolutionHours: 48, businessHours: true },
      calendar: shanghai,
      pauses: [{ pausedAt: at('2026-03-03T12:00:00Z'), resumedAt: at('2026-03-04T03:00:00Z') }],
    });
    expect(d).toEqual({
      firstResponseDueAt: at('2026-03-02T10:00:00Z'),
      resolutionDueAt: at('2026-03-06T05:00:00Z'),
    });
  });

  it('counts business hours in Europe/Berlin over the DST change', () => {
    const berlin: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      weekly: {
        '0': [],
        ...Object.fromEntries(
          ['1', '2', '3', '4', '5', '6'].map((d) => [d, [{ from: '09:00', to: '18:00' }]]),
        ),
      },
      holidays: [],
    };
    // Sat 28 Mar 2026 15:00 CET (14:00Z), 4 h to answer: 3 h on Saturday, Sunday closed, the clocks
    // go forward in the night, 1 h on Monday from 09:00 CEST (07:00Z): due 08:00Z. 12 h to solve:
    // 3 h on Saturday and 9 h on Monday, due at closing, 18:00 CEST (16:00Z).
    const d = computeDeadlines({
      receivedAt: at('2026-03-28T14:00:00Z'),
      resolutionClockStartedAt: at('2026-03-28T14:00:00Z'),
      targets: { firstResponseHours: 4, resolutionHours: 12, businessHours: true },
      calendar: berlin,
      pauses: [],
    });
    expect(d).toEqual({
      firstResponseDueAt: at('2026-03-30T08:00:00Z'),
      resolutionDueAt: at('2026-03-30T16:00:00Z'),
    });
  });
});

describe('explainClock', () => {
  const receivedAt = at('2026-03-02T08:00:00Z');
  const pause = {
    reason: 'waiting-for-customer',
    pausedAt: at('2026-03-03T08:00:00Z'),
    resumedAt: at('2026-03-03T20:30:15Z'),
  };
  const input = (over: Partial<ExplainInput>): ExplainInput => ({
    receivedAt,
    resolutionClockStartedAt: receivedAt,
    targets: { ...aroundTheClock, ruleId: null },
    calendar: null,
    pauses: [pause],
    now: at('2026-03-05T08:00:00Z'),
    firstRespondedAt: at('2026-03-02T20:00:00Z'),
    resolvedAt: null,
    ...over,
  });

  it('explains a met first response and a running solution clock moved by a pause', () => {
    const e = explainClock(input({}));
    expect(e.at).toBe('2026-03-05T08:00:00.000Z');
    expect(e.firstResponse).toMatchObject({
      clock: 'first-response',
      targetHours: 24,
      businessHours: false,
      timeZone: null,
      startedAt: '2026-03-02T08:00:00.000Z',
      dueAt: '2026-03-03T08:00:00.000Z',
      stoppedAt: '2026-03-02T20:00:00.000Z',
      state: 'met',
      usedMs: 12 * H,
      remainingMs: 12 * H,
      overdueMs: 0,
      pauses: [],
    });
    expect(e.resolution).toMatchObject({
      clock: 'resolution',
      targetHours: 72,
      dueAt: '2026-03-05T20:30:15.000Z',
      stoppedAt: null,
      state: 'pending',
      usedMs: 59 * H + 29 * M + 45 * S,
      remainingMs: 12 * H + 30 * M + 15 * S,
      overdueMs: 0,
      pauses: [
        {
          reason: 'waiting-for-customer',
          pausedAt: '2026-03-03T08:00:00.000Z',
          resumedAt: '2026-03-03T20:30:15.000Z',
          durationMs: 12 * H + 30 * M + 15 * S,
          countedMs: 12 * H + 30 * M + 15 * S,
        },
      ],
    });
    expect(e.resolution.summary).toBe(
      '72 hours around the clock from 2026-03-02T08:00:00.000Z, moved by 12h 30m 15s of pauses: due 2026-03-05T20:30:15.000Z, 12h 30m 15s left',
    );
  });

  it('explains breaches with the working time overdue', () => {
    const e = explainClock(input({ now: at('2026-03-06T00:00:00Z'), firstRespondedAt: null }));
    expect(e.firstResponse).toMatchObject({
      state: 'breached',
      usedMs: 88 * H,
      remainingMs: 0,
      overdueMs: 64 * H,
    });
    expect(e.resolution).toMatchObject({ state: 'breached', overdueMs: 3 * H + 29 * M + 45 * S });
    expect(e.resolution.summary).toMatch(/missed by 3h 29m 45s of working time$/);
  });

  it('answers on the due second as met, one second later as breached', () => {
    expect(explainClock(input({ firstRespondedAt: at('2026-03-03T08:00:00Z') })).firstResponse.state).toBe(
      'met',
    );
    expect(explainClock(input({ firstRespondedAt: at('2026-03-03T08:00:01Z') })).firstResponse.state).toBe(
      'breached',
    );
    expect(explainClock(input({ now: at('2026-03-05T20:30:15Z') })).resolution.state).toBe('pending');
    expect(explainClock(input({ now: at('2026-03-05T20:30:16Z') })).resolution.state).toBe('breached');
  });

  it('explains a paused clock: no deadline, what is left when it resumes, the pause so far', () => {
    const open = { reason: 'waiting-for-parts', pausedAt: at('2026-03-04T08:00:00Z'), resumedAt: null };
    const e = explainClock(input({ pauses: [open], now: at('2026-03-04T18:00:00Z') }));
    expect(e.resolution).toMatchObject({
      dueAt: null,
      state: 'paused',
      usedMs: 48 * H,
      remainingMs: 24 * H,
      pauses: [{ reason: 'waiting-for-parts', resumedAt: null, durationMs: 10 * H, countedMs: 10 * H }],
    });
    expect(e.resolution.summary).toMatch(/paused, 24h 00m left when it resumes$/);
  });

  it('explains a solved complaint, closing a pause still open at the resolution', () => {
    const e = explainClock(
      input({
        pauses: [{ ...pause, resumedAt: null }],
        resolvedAt: at('2026-03-03T10:00:00Z'),
        now: at('2026-03-30T00:00:00Z'),
      }),
    );
    expect(e.resolution).toMatchObject({
      state: 'met',
      stoppedAt: '2026-03-03T10:00:00.000Z',
      dueAt: '2026-03-05T10:00:00.000Z',
      usedMs: 24 * H,
      pauses: [{ durationMs: 2 * H, countedMs: 2 * H }],
    });
  });

  it('explains a reopened complaint from the reopening, not from its old resolution or pauses', () => {
    const e = explainClock(
      input({
        resolutionClockStartedAt: at('2026-03-08T00:00:00Z'),
        resolvedAt: at('2026-03-06T00:00:00Z'),
        now: at('2026-03-09T00:00:00Z'),
      }),
    );
    expect(e.resolution).toMatchObject({
      startedAt: '2026-03-08T00:00:00.000Z',
      dueAt: '2026-03-11T00:00:00.000Z',
      stoppedAt: null,
      state: 'pending',
      usedMs: 24 * H,
      pauses: [{ reason: 'waiting-for-customer', countedMs: 0 }],
    });
  });

  it('explains business hours with the zone, and survives a JSON round trip unchanged', () => {
    const mon10 = at('2026-03-02T02:00:00Z');
    const e = explainClock({
      receivedAt: mon10,
      resolutionClockStartedAt: mon10,
      targets: { firstResponseHours: 8, resolutionHours: 48, businessHours: true, ruleId: 'diamond' },
      calendar: shanghai,
      pauses: [
        {
          reason: 'joint-team-decision',
          pausedAt: at('2026-03-03T12:00:00Z'),
          resumedAt: at('2026-03-04T03:00:00Z'),
        },
      ],
      now: at('2026-03-04T04:00:00Z'), // Wed 12:00 local
      firstRespondedAt: null,
      resolvedAt: null,
    });
    expect(e.ruleId).toBe('diamond');
    // First response: Mon 12 h + Tue 12 h + Wed 10-12 2 h = 26 h used of 8.
    expect(e.firstResponse).toMatchObject({
      businessHours: true,
      timeZone: 'Asia/Shanghai',
      dueAt: '2026-03-02T10:00:00.000Z',
      state: 'breached',
      overdueMs: 18 * H,
    });
    // Mon 12 h + Tue 10 h + Wed 11-12 1 h = 23 h used; the pause's 15 h on the wall count 3 h.
    expect(e.resolution).toMatchObject({
      dueAt: '2026-03-06T05:00:00.000Z',
      state: 'pending',
      usedMs: 23 * H,
      remainingMs: 25 * H,
    });
    expect(e.resolution.pauses[0]).toMatchObject({ durationMs: 15 * H, countedMs: 3 * H });
    expect(e.resolution.summary).toContain('48 business hours (Asia/Shanghai)');
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });
});

describe('warnings, breaches and escalation levels', () => {
  const due = at('2026-03-03T08:00:00Z');
  const plus = (ms: number) => new Date(due.getTime() + ms);
  const chain: EscalationStep[] = [
    { level: 1, to: 'owner-lead', afterMinutes: 0 },
    { level: 2, to: 'management', afterMinutes: 1440 },
  ];

  it('passes a deadline only after it', () => {
    expect(deadlinePassed(due, due)).toBe(false);
    expect(deadlinePassed(due, plus(1))).toBe(true);
  });

  it('warns inside [due - lead, due] only, and never with a lead of 0', () => {
    expect(warningDue(due, 120, plus(-120 * M - S))).toBe(false);
    expect(warningDue(due, 120, plus(-120 * M))).toBe(true);
    expect(warningDue(due, 120, due)).toBe(true);
    expect(warningDue(due, 120, plus(1))).toBe(false);
    expect(warningDue(due, 0, due)).toBe(false);
  });

  it('finds the highest escalation level whose time has passed (a level at +0 comes with the breach)', () => {
    expect(escalationLevelDue(due, chain, plus(-S))).toBe(0);
    expect(escalationLevelDue(due, chain, due)).toBe(0);
    expect(escalationLevelDue(due, chain, plus(1))).toBe(1);
    expect(escalationLevelDue(due, chain, plus(1440 * M))).toBe(1);
    expect(escalationLevelDue(due, chain, plus(1440 * M + 1))).toBe(2);
    expect(escalationLevelDue(due, chain, plus(400 * H))).toBe(2);
    expect(escalationLevelDue(due, [], plus(400 * H))).toBe(0);
  });

  it('escalates before the deadline when a level says so (negative minutes)', () => {
    const early: EscalationStep[] = [{ level: 1, to: 'owner-lead', afterMinutes: -60 }, ...chain.slice(1)];
    expect(escalationLevelDue(due, early, plus(-60 * M))).toBe(0);
    expect(escalationLevelDue(due, early, plus(-60 * M + 1))).toBe(1);
  });

  it('formats durations for people', () => {
    expect(formatDuration(25 * H + M + S)).toBe('25h 01m 01s');
    expect(formatDuration(24 * H)).toBe('24h 00m');
    expect(formatDuration(0)).toBe('0h 00m');
  });
});
