import type { EscalationReason, SlaClock } from '@cx/contracts';
import type { ComplaintEntity } from '../complaint/complaint.entity';
import type { EscalationStep } from '../policy/policy.entity';
import {
  computeDeadlines,
  Deadlines,
  escalationLevelDue,
  explainClock,
  SlaExplanation,
  SlaPause,
} from './sla-clock';

// What the SLA rules (sla-clock.ts) say about one complaint row: its running clocks, the deadlines of
// the SLA it was promised, and the escalations its clocks have brought. Pure.

/** The SLA columns of a complaint, per clock. */
const COLUMNS = {
  'first-response': {
    dueAt: 'firstResponseDueAt',
    warnedAt: 'firstResponseWarnedAt',
    breachedAt: 'firstResponseBreachedAt',
  },
  resolution: {
    dueAt: 'resolutionDueAt',
    warnedAt: 'resolutionWarnedAt',
    breachedAt: 'resolutionBreachedAt',
  },
} as const satisfies Record<SlaClock, Record<'dueAt' | 'warnedAt' | 'breachedAt', keyof ComplaintEntity>>;

type ClockColumns = 'firstRespondedAt' | (typeof COLUMNS)[SlaClock][keyof (typeof COLUMNS)[SlaClock]];

export interface RunningClock {
  clock: SlaClock;
  dueAt: Date;
  warnedAt: Date | null;
  breachedAt: Date | null;
}

/**
 * The clocks of an open complaint that are still running: the first response until it is given, the
 * solution unless paused (no deadline). Whether the complaint is open at all is the caller's question.
 */
export function runningClocks(c: Pick<ComplaintEntity, ClockColumns>): RunningClock[] {
  const clocks: RunningClock[] = [];
  if (c.firstRespondedAt === null)
    clocks.push({
      clock: 'first-response',
      dueAt: c.firstResponseDueAt,
      warnedAt: c.firstResponseWarnedAt,
      breachedAt: c.firstResponseBreachedAt,
    });
  if (c.resolutionDueAt !== null)
    clocks.push({
      clock: 'resolution',
      dueAt: c.resolutionDueAt,
      warnedAt: c.resolutionWarnedAt,
      breachedAt: c.resolutionBreachedAt,
    });
  return clocks;
}

/** Records on the complaint that a clock was warned about or breached. */
export function markClock(
  c: Pick<ComplaintEntity, ClockColumns>,
  clock: SlaClock,
  what: 'warnedAt' | 'breachedAt',
  at: Date,
): void {
  c[COLUMNS[clock][what]] = at;
}

/** The SLA promised at intake, as stored on the complaint: nothing here is read from today's rules. */
type Promised = 'firstResponseHours' | 'resolutionHours' | 'slaCalendar' | 'slaRuleId';

function promisedTargets(c: Pick<ComplaintEntity, Promised>) {
  return {
    firstResponseHours: c.firstResponseHours,
    resolutionHours: c.resolutionHours,
    businessHours: c.slaCalendar !== null,
    ruleId: c.slaRuleId,
  };
}

/**
 * The deadlines of a complaint under the SLA it was promised at intake, with these pauses: a lead
 * editing rules or calendars since does not move them (docs/complaints/admin-api.md).
 */
export function promisedDeadlines(
  c: Pick<ComplaintEntity, 'receivedAt' | 'resolutionClockStartedAt' | Promised>,
  pauses: readonly SlaPause[],
): Deadlines {
  return computeDeadlines({
    receivedAt: c.receivedAt,
    resolutionClockStartedAt: c.resolutionClockStartedAt,
    targets: promisedTargets(c),
    calendar: c.slaCalendar,
    pauses,
  });
}

/** Why the deadlines of a complaint are what they are, as of `now` (see explainClock). */
export function explainPromised(
  c: Pick<
    ComplaintEntity,
    'receivedAt' | 'resolutionClockStartedAt' | 'firstRespondedAt' | 'resolvedAt' | Promised
  >,
  pauses: readonly (SlaPause & { reason?: string | null })[],
  now: Date,
): SlaExplanation {
  return explainClock({
    receivedAt: c.receivedAt,
    resolutionClockStartedAt: c.resolutionClockStartedAt,
    targets: promisedTargets(c),
    calendar: c.slaCalendar,
    pauses,
    now,
    firstRespondedAt: c.firstRespondedAt,
    resolvedAt: c.resolvedAt,
  });
}

/** The cause a breach of each clock escalates under. */
export const CLOCK_CAUSE = {
  'first-response': 'first-response-sla',
  resolution: 'resolution-sla',
} as const satisfies Record<SlaClock, EscalationReason>;

export interface EscalationDue {
  clock: SlaClock;
  cause: (typeof CLOCK_CAUSE)[SlaClock];
  /** Every level passed since the level of this cause, lowest first: each alerts someone else. */
  steps: EscalationStep[];
}

/**
 * Per running clock, the levels of the chain its deadline has reached by now and its cause has not
 * been escalated to yet. Each cause climbs the chain on its own (the solution clock again in each round
 * after a reopening): levels another cause reached hold none of them back, so every breach reaches
 * someone.
 */
export function escalationsDue(
  c: Pick<ComplaintEntity, ClockColumns | 'escalationLevels'>,
  chain: readonly EscalationStep[],
  now: Date,
): EscalationDue[] {
  const due: EscalationDue[] = [];
  for (const k of runningClocks(c)) {
    const cause = CLOCK_CAUSE[k.clock];
    const current = c.escalationLevels[cause] ?? 0;
    const reached = escalationLevelDue(k.dueAt, chain, now);
    if (reached <= current) continue;
    const steps = chain
      .filter((s) => s.level > current && s.level <= reached)
      .sort((a, b) => a.level - b.level);
    due.push({ clock: k.clock, cause, steps });
  }
  return due;
}
