import type { SlaClock } from '@cx/contracts';
import type { ComplaintEntity } from '../complaint/complaint.entity';
import type { EscalationStep } from '../policy/policy.entity';
import { escalationLevelDue } from './sla-clock';

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

export interface EscalationDue {
  /** The clock whose deadline brought the highest level. */
  clock: SlaClock;
  /** Every level passed since the complaint's current one, lowest first: each alerts someone else. */
  steps: EscalationStep[];
}

/** The levels of the chain a complaint has reached by now and not been escalated to yet; null if none. */
export function escalationDue(
  c: Pick<ComplaintEntity, ClockColumns | 'escalationLevel'>,
  chain: readonly EscalationStep[],
  now: Date,
): EscalationDue | null {
  let best: { clock: SlaClock; level: number } | null = null;
  for (const k of runningClocks(c)) {
    const level = escalationLevelDue(k.dueAt, chain, now);
    if (level > (best?.level ?? 0)) best = { clock: k.clock, level };
  }
  if (!best || best.level <= c.escalationLevel) return null;
  const top = best.level;
  const steps = chain
    .filter((s) => s.level > c.escalationLevel && s.level <= top)
    .sort((a, b) => a.level - b.level);
  return { clock: best.clock, steps };
}
