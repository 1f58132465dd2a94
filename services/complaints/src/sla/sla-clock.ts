import type { ComplaintChannel, Priority, SlaClock, Tier } from '@cx/contracts';
import { HOUR_MS, MINUTE_MS } from '@cx/platform';
import type { EscalationStep } from '../policy/policy.entity';
import { addWorkingTime, BusinessCalendar, workingTimeBetween } from './business-calendar';

/**
 * The SLA clock of a complaint, as pure functions of their inputs (no Nest, no TypeORM, no "now"
 * except as an argument), so every rule here is testable to the second.
 *
 * Two clocks run per complaint: first response (from receipt, never paused) and resolution (from
 * receipt or the last reopening, stopped while a pause is open). A deadline has passed once now is
 * later than it (an answer in its very second is on time); an escalation level relative to it has
 * passed the same way, so a level at +0 minutes fires together with the breach, never before it.
 */
export { addWorkingTime, workingTimeBetween };
export type { BusinessCalendar };

/** What pickTargets needs of an SLA rule row: null fields match anything. */
export interface SlaRuleLike {
  id: string;
  priority: Priority | null;
  channel: ComplaintChannel | null;
  tier: Tier | null;
  firstResponseHours: number;
  resolutionHours: number;
  businessHours: boolean;
}

export interface SlaRuleFacts {
  priority: Priority;
  channel: ComplaintChannel;
  tier: Tier | null;
}

export interface SlaTargets {
  firstResponseHours: number;
  resolutionHours: number;
  /** Counted in the store's business calendar rather than around the clock. */
  businessHours: boolean;
  /** The rule that set them; null = the policy's defaults. */
  ruleId: string | null;
}

/**
 * The targets of the most specific rule that matches (most non-null fields, each equal to the fact).
 * Equally specific matches: the shortest resolution target, then the shortest first response, wins:
 * when two rules both claim a complaint, the customer gets the better promise. No match: the
 * policy's defaults, around the clock.
 */
export function pickTargets(
  rules: readonly SlaRuleLike[],
  facts: SlaRuleFacts,
  defaults: { firstResponseHours: number; resolutionHours: number },
): SlaTargets {
  const specificity = (r: SlaRuleLike) => [r.priority, r.channel, r.tier].filter((f) => f !== null).length;
  const matches = (r: SlaRuleLike) =>
    (r.priority === null || r.priority === facts.priority) &&
    (r.channel === null || r.channel === facts.channel) &&
    (r.tier === null || r.tier === facts.tier);
  const [best] = rules.filter(matches).sort(
    (a, b) =>
      specificity(b) - specificity(a) ||
      a.resolutionHours - b.resolutionHours ||
      a.firstResponseHours - b.firstResponseHours ||
      a.id.localeCompare(b.id), // the same answer on every replica
  );
  if (!best) return { ...defaults, businessHours: false, ruleId: null };
  const { firstResponseHours, resolutionHours, businessHours, id } = best;
  return { firstResponseHours, resolutionHours, businessHours, ruleId: id };
}

/** A stop of the solution clock; resumedAt null = still stopped. */
export interface SlaPause {
  pausedAt: Date;
  resumedAt: Date | null;
}

export interface DeadlineInput {
  receivedAt: Date;
  /** Receipt, or the last reopening: a reopened complaint gets a fresh solution clock. */
  resolutionClockStartedAt: Date;
  targets: Pick<SlaTargets, 'firstResponseHours' | 'resolutionHours' | 'businessHours'>;
  /** The store's calendar; used only when targets.businessHours. */
  calendar: BusinessCalendar | null;
  pauses: readonly SlaPause[];
}

export interface Deadlines {
  firstResponseDueAt: Date;
  /** Null while a pause is open: the clock is stopped, so there is no deadline to meet. */
  resolutionDueAt: Date | null;
}

export function computeDeadlines(input: DeadlineInput): Deadlines {
  const calendar = calendarOf(input);
  const firstResponseDueAt = addWorkingTime(
    input.receivedAt,
    input.targets.firstResponseHours * HOUR_MS,
    calendar,
  );
  const { dueAt } = resolutionTimeline(input, calendar);
  return { firstResponseDueAt, resolutionDueAt: dueAt === null ? null : new Date(dueAt) };
}

interface CountedPause {
  pause: SlaPause;
  /** Working time by which this pause moved the deadline (open pause: so far, up to `until`). */
  countedMs: number;
}

/**
 * Walks the solution clock from its start through the pauses in order. Each pause that begins before
 * the deadline it would otherwise have moves the deadline by its working time; a pause taken after the
 * deadline passed moves nothing (the breach stands). Pauses before the clock started (an earlier round,
 * before a reopening) do not count; an open pause stops the clock (dueAt null).
 */
function resolutionTimeline(
  input: DeadlineInput,
  calendar: BusinessCalendar | null,
  until?: number,
): { dueAt: number | null; remainingMs: number; counted: CountedPause[] } {
  const start = input.resolutionClockStartedAt.getTime();
  let remaining = input.targets.resolutionHours * HOUR_MS;
  let cursor = start;
  const counted: CountedPause[] = [];
  const ordered = input.pauses
    .filter((p) => p.resumedAt === null || p.resumedAt.getTime() > start)
    .sort((a, b) => a.pausedAt.getTime() - b.pausedAt.getTime());
  for (const pause of ordered) {
    const resumedAt = pause.resumedAt?.getTime() ?? null;
    if (resumedAt !== null && resumedAt <= cursor) continue; // inside a pause already counted
    const pausedAt = Math.max(pause.pausedAt.getTime(), cursor);
    const due = addWorkingTime(new Date(cursor), remaining, calendar).getTime();
    if (due <= pausedAt) return { dueAt: due, remainingMs: remaining, counted };
    remaining -= workingTimeBetween(new Date(cursor), new Date(pausedAt), calendar);
    const end = resumedAt ?? Math.max(until ?? pausedAt, pausedAt);
    counted.push({ pause, countedMs: workingTimeBetween(new Date(pausedAt), new Date(end), calendar) });
    if (resumedAt === null) return { dueAt: null, remainingMs: remaining, counted };
    cursor = resumedAt;
  }
  return {
    dueAt: addWorkingTime(new Date(cursor), remaining, calendar).getTime(),
    remainingMs: remaining,
    counted,
  };
}

function calendarOf(input: Pick<DeadlineInput, 'targets' | 'calendar'>): BusinessCalendar | null {
  return input.targets.businessHours ? input.calendar : null;
}

// ---------------------------------------------------------------------------------------------------
// Explanation: why a deadline is what it is, for the lead reading the case afterwards.

export type ClockState = 'met' | 'breached' | 'pending' | 'paused';

export interface PauseExplanation {
  reason: string | null;
  pausedAt: string;
  resumedAt: string | null;
  /** Wall-clock length (to now while open). */
  durationMs: number;
  /** Working time by which it moved the deadline (0: before the clock started, or after it passed). */
  countedMs: number;
}

export interface ClockExplanation {
  clock: SlaClock;
  targetHours: number;
  businessHours: boolean;
  /** The zone of the calendar counted in; null = around the clock. */
  timeZone: string | null;
  startedAt: string;
  dueAt: string | null;
  /** When the clock was met (first response given, solution proposed); null while running. */
  stoppedAt: string | null;
  state: ClockState;
  /** Working time the clock has run, pauses excluded (to stoppedAt, or to now). */
  usedMs: number;
  remainingMs: number;
  /** Working time beyond the target. */
  overdueMs: number;
  pauses: PauseExplanation[];
  summary: string;
}

export interface SlaExplanation {
  at: string;
  ruleId: string | null;
  firstResponse: ClockExplanation;
  resolution: ClockExplanation;
}

export interface ExplainInput extends Omit<DeadlineInput, 'targets' | 'pauses'> {
  targets: Pick<SlaTargets, 'firstResponseHours' | 'resolutionHours' | 'businessHours'> & {
    ruleId?: string | null;
  };
  pauses: readonly (SlaPause & { reason?: string | null })[];
  now: Date;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
}

/** Both clocks explained as JSON: targets, where they count, when they started and are due, pauses, state. */
export function explainClock(input: ExplainInput): SlaExplanation {
  const calendar = calendarOf(input);
  const now = input.now.getTime();
  const timeZone = calendar?.timeZone ?? null;
  const common = { businessHours: calendar !== null, timeZone };

  const frStart = input.receivedAt.getTime();
  const frStop = input.firstRespondedAt?.getTime() ?? null;
  const frTarget = input.targets.firstResponseHours * HOUR_MS;
  const frDue = addWorkingTime(input.receivedAt, frTarget, calendar).getTime();
  const frUsed = workingTimeBetween(input.receivedAt, new Date(frStop ?? now), calendar);
  const firstResponse = clockExplanation({
    ...common,
    clock: 'first-response',
    targetHours: input.targets.firstResponseHours,
    startedAt: frStart,
    dueAt: frDue,
    stoppedAt: frStop,
    now,
    usedMs: frUsed,
    targetMs: frTarget,
    pauses: [],
  });

  // A resolution from before the last reopening belongs to the previous round, not to this clock.
  const resStart = input.resolutionClockStartedAt.getTime();
  const resolved = input.resolvedAt?.getTime() ?? null;
  const resStop = resolved !== null && resolved >= resStart ? resolved : null;
  const end = resStop ?? now;
  // Seen from the end of the clock: pauses after it did not happen yet, an open one ends there.
  const pauses = input.pauses
    .filter((p) => p.pausedAt.getTime() < end)
    .map((p) => ({
      ...p,
      resumedAt:
        p.resumedAt && p.resumedAt.getTime() <= end ? p.resumedAt : resStop === null ? null : new Date(end),
    }));
  const timeline = resolutionTimeline({ ...input, pauses }, calendar, end);
  const resTarget = input.targets.resolutionHours * HOUR_MS;
  const countedMs = timeline.counted.reduce((sum, c) => sum + c.countedMs, 0);
  const resUsed = workingTimeBetween(input.resolutionClockStartedAt, new Date(end), calendar) - countedMs;
  const counted = new Map(timeline.counted.map((c) => [c.pause, c.countedMs]));
  const resolution = clockExplanation({
    ...common,
    clock: 'resolution',
    targetHours: input.targets.resolutionHours,
    startedAt: resStart,
    dueAt: timeline.dueAt,
    stoppedAt: resStop,
    now,
    usedMs: Math.max(0, resUsed),
    targetMs: resTarget,
    pauses: pauses.map((p) => ({
      reason: p.reason ?? null,
      pausedAt: p.pausedAt.toISOString(),
      resumedAt: p.resumedAt?.toISOString() ?? null,
      durationMs: (p.resumedAt?.getTime() ?? end) - p.pausedAt.getTime(),
      countedMs: counted.get(p) ?? 0,
    })),
  });
  return { at: input.now.toISOString(), ruleId: input.targets.ruleId ?? null, firstResponse, resolution };
}

function clockExplanation(c: {
  clock: SlaClock;
  targetHours: number;
  businessHours: boolean;
  timeZone: string | null;
  startedAt: number;
  dueAt: number | null;
  stoppedAt: number | null;
  now: number;
  usedMs: number;
  targetMs: number;
  pauses: PauseExplanation[];
}): ClockExplanation {
  const state: ClockState =
    c.dueAt === null
      ? 'paused'
      : c.stoppedAt !== null
        ? c.stoppedAt <= c.dueAt
          ? 'met'
          : 'breached'
        : deadlinePassed(new Date(c.dueAt), new Date(c.now))
          ? 'breached'
          : 'pending';
  const explanation: Omit<ClockExplanation, 'summary'> = {
    clock: c.clock,
    targetHours: c.targetHours,
    businessHours: c.businessHours,
    timeZone: c.timeZone,
    startedAt: new Date(c.startedAt).toISOString(),
    dueAt: c.dueAt === null ? null : new Date(c.dueAt).toISOString(),
    stoppedAt: c.stoppedAt === null ? null : new Date(c.stoppedAt).toISOString(),
    state,
    usedMs: c.usedMs,
    remainingMs: Math.max(0, c.targetMs - c.usedMs),
    overdueMs: Math.max(0, c.usedMs - c.targetMs),
    pauses: c.pauses,
  };
  return { ...explanation, summary: summarize(explanation) };
}

function summarize(e: Omit<ClockExplanation, 'summary'>): string {
  const where = e.businessHours ? `business hours (${e.timeZone})` : 'hours around the clock';
  const paused = e.pauses.reduce((sum, p) => sum + p.countedMs, 0);
  const moved = paused > 0 ? `, moved by ${formatDuration(paused)} of pauses` : '';
  const head = `${e.targetHours} ${where} from ${e.startedAt}${moved}`;
  switch (e.state) {
    case 'paused':
      return `${head}: paused, ${formatDuration(e.remainingMs)} left when it resumes`;
    case 'met':
      return `${head}: due ${e.dueAt}, met at ${e.stoppedAt}`;
    case 'breached':
      return `${head}: due ${e.dueAt}, missed${e.overdueMs > 0 ? ` by ${formatDuration(e.overdueMs)} of working time` : ''}`;
    case 'pending':
      return `${head}: due ${e.dueAt}, ${formatDuration(e.remainingMs)} left`;
  }
}

/** 90061000 -> '25h 01m 01s'; seconds only when there are any. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${h}h ${pad(m)}m${s ? ` ${pad(s)}s` : ''}`;
}

// ---------------------------------------------------------------------------------------------------
// What the sweeper acts on.

/** The deadline is behind us: strictly later than it (answering at the due second is on time). */
export function deadlinePassed(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}

/** Inside the warning window [dueAt - lead, dueAt]; a lead of 0 turns warnings off. */
export function warningDue(dueAt: Date, leadMinutes: number, now: Date): boolean {
  if (leadMinutes <= 0) return false;
  return now.getTime() >= dueAt.getTime() - leadMinutes * MINUTE_MS && !deadlinePassed(dueAt, now);
}

/** The highest level whose time (dueAt + afterMinutes) has passed; 0 if none. */
export function escalationLevelDue(dueAt: Date, chain: readonly EscalationStep[], now: Date): number {
  return chain.reduce(
    (level, step) =>
      deadlinePassed(new Date(dueAt.getTime() + step.afterMinutes * MINUTE_MS), now)
        ? Math.max(level, step.level)
        : level,
    0,
  );
}
