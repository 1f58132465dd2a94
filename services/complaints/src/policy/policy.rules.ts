// Pure rules for policies a lead edits. The admin DTOs use them to validate a request on its own;
// the policy service uses the ones that need stored state (the taxonomy's parents). Zone, date and
// HH:MM rules are the platform's (`@cx/platform` time zones).
import { REF_MAX } from '@cx/contracts';
import { minuteOfDay } from '@cx/platform';
import { EscalationStep } from './policy.entity';

/** Weekday keys of OpeningHours: 0 = Sunday ... 6 = Saturday (as Date#getDay). */
export const WEEKDAYS = ['0', '1', '2', '3', '4', '5', '6'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Why a chain of escalation steps is unusable (empty when it is fine): levels 1..n in order, times non-decreasing. */
export function escalationChainProblems(chain: readonly EscalationStep[]): string[] {
  const problems: string[] = [];
  chain.forEach((step, i) => {
    if (step.level !== i + 1)
      problems.push(`step ${i} has level ${step.level}: levels must run 1..n in order`);
    const previous = chain[i - 1];
    if (previous && step.afterMinutes < previous.afterMinutes)
      problems.push(
        `step ${i} fires at ${step.afterMinutes} min, before level ${previous.level} (${previous.afterMinutes} min): afterMinutes must not decrease`,
      );
  });
  return problems;
}

/** The deepest level an escalation event can carry (its contract: 1..10). */
export const MAX_ESCALATION_LEVEL = 10;

/**
 * A step a stored chain can alert through: a level the escalation event's contract accepts, an
 * addressee it accepts (a reference), a whole number of minutes.
 */
export function isEscalationStep(x: unknown): x is EscalationStep {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const s = x as Record<string, unknown>;
  return (
    Number.isInteger(s.level) &&
    (s.level as number) >= 1 &&
    (s.level as number) <= MAX_ESCALATION_LEVEL &&
    typeof s.to === 'string' &&
    s.to.length > 0 &&
    s.to.length <= REF_MAX &&
    Number.isInteger(s.afterMinutes)
  );
}

/** Whom a complaint escalates to when the stored chain names nobody: management, at the missed deadline. */
export const FALLBACK_ESCALATION: EscalationStep = { level: 1, to: 'management', afterMinutes: 0 };

/**
 * The stored chain as it can be used: its well-formed steps by level (the first of a level wins), and
 * what is wrong with the rest. The admin API refuses a malformed chain, but one written behind it (psql)
 * must still escalate someone: with no usable step, the fallback step alone.
 */
export function usableEscalationChain(stored: unknown): { chain: EscalationStep[]; problems: string[] } {
  if (!Array.isArray(stored))
    return { chain: [FALLBACK_ESCALATION], problems: ['the chain is not a list of steps'] };
  const problems: string[] = [];
  const byLevel = new Map<number, EscalationStep>();
  stored.forEach((step: unknown, i) => {
    if (!isEscalationStep(step)) problems.push(`step ${i} is not a { level, to, afterMinutes } step`);
    else if (byLevel.has(step.level)) problems.push(`step ${i} repeats level ${step.level}`);
    else byLevel.set(step.level, { level: step.level, to: step.to, afterMinutes: step.afterMinutes });
  });
  const chain = [...byLevel.values()].sort((a, b) => a.level - b.level);
  if (chain.length === 0) {
    problems.push(`no step names anyone: escalating to ${FALLBACK_ESCALATION.to}`);
    return { chain: [FALLBACK_ESCALATION], problems };
  }
  return { chain, problems };
}

export interface TimeRange {
  from: string;
  to: string;
}

/**
 * Why one day's opening ranges overlap (empty when they do not). Ranges are [from, to): 10:00-14:00
 * and 14:00-18:00 touch without overlapping. Malformed or empty ranges are skipped: the per-range
 * checks report those.
 */
export function overlappingRanges(ranges: readonly TimeRange[]): string[] {
  const usable = ranges
    .map((r, i) => ({ i, r, from: minuteOfDay(r.from), to: minuteOfDay(r.to) }))
    .filter(
      (p): p is typeof p & { from: number; to: number } => p.from !== null && p.to !== null && p.from < p.to,
    )
    .sort((a, b) => a.from - b.from);
  const problems: string[] = [];
  for (let k = 1; k < usable.length; k++) {
    // Compare with the latest-ending range so far: one long range may overlap several after it.
    const widest = usable.slice(0, k).reduce((w, p) => (p.to > w.to ? p : w));
    const b = usable[k];
    if (b.from < widest.to)
      problems.push(
        `range ${b.i} (${b.r.from}-${b.r.to}) overlaps range ${widest.i} (${widest.r.from}-${widest.r.to})`,
      );
  }
  return problems;
}

/**
 * The loop that giving `code` the parent `parentCode` would close, e.g. ['a', 'b', 'a'], or null.
 * `parents` maps every stored category to its current parent.
 */
export function parentCycle(
  code: string,
  parentCode: string | null,
  parents: ReadonlyMap<string, string | null>,
): string[] | null {
  const path = [code];
  let at = parentCode;
  const seen = new Set<string>();
  while (at !== null && at !== undefined) {
    path.push(at);
    if (at === code) return path;
    if (seen.has(at)) return null; // an older loop that does not involve `code`; not this change's doing
    seen.add(at);
    at = parents.get(at) ?? null;
  }
  return null;
}
