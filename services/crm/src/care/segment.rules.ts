// Customer segments as pure rules (docs/crm/insight.md, Segments): RFM quintiles, the segment an RFM
// score falls in, VIPs, customers at risk against their own rhythm, and what changed since the last run.
import { DAY_MS } from '@cx/platform';

/** Segments named by RFM score; every customer with a purchase in the window is in exactly one. */
export const RFM_SEGMENTS = ['champions', 'loyal', 'promising', 'needs-attention', 'hibernating'] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];
export const SEGMENTS = [...RFM_SEGMENTS, 'vip', 'at-risk'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** One customer's purchases in the RFM window (net of refunds; fully refunded purchases left out). */
export interface PurchaseStats {
  customerId: string;
  purchases: number;
  monetaryMinor: number;
  firstAt: Date;
  lastAt: Date;
}

export interface RfmScore {
  r: number;
  f: number;
  m: number;
}

export interface CareRules {
  /** Tiers whose members are VIPs. */
  vipTiers: readonly string[];
  /** At risk once the time since the last purchase exceeds this many of the customer's own average gaps ... */
  atRiskFactor: number;
  /** ... and at least this many days. */
  atRiskMinDays: number;
}

export const DEFAULT_CARE_RULES: CareRules = {
  vipTiers: ['gold', 'diamond'],
  atRiskFactor: 2,
  atRiskMinDays: 30,
};

/**
 * Quintile scores 1..5 by rank, higher values scoring higher; equal values share the score of the
 * first of them, so a tie never splits across two quintiles.
 */
export function quintiles(values: readonly number[]): number[] {
  const n = values.length;
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const scores = new Array<number>(n);
  let score = 1;
  for (let k = 0; k < n; k++) {
    if (k === 0 || order[k][0] !== order[k - 1][0]) score = Math.floor((k * 5) / n) + 1;
    scores[order[k][1]] = score;
  }
  return scores;
}

/** R from days since the last purchase (recent scores high), F from purchase count, M from net spend. */
export function rfmScores(stats: readonly PurchaseStats[], now: Date): Map<string, RfmScore> {
  const r = quintiles(stats.map((s) => -(now.getTime() - s.lastAt.getTime())));
  const f = quintiles(stats.map((s) => s.purchases));
  const m = quintiles(stats.map((s) => s.monetaryMinor));
  return new Map(stats.map((s, i) => [s.customerId, { r: r[i], f: f[i], m: m[i] }]));
}

export function rfmSegment({ r, f, m }: RfmScore): RfmSegment {
  if (r >= 4 && f >= 4 && m >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r >= 4) return 'promising';
  if (r <= 2 && f <= 2) return 'hibernating';
  return 'needs-attention';
}

/**
 * Long without a purchase relative to the customer's own rhythm: the average gap between their
 * purchases, times the factor (and never sooner than the minimum). One purchase gives no rhythm.
 */
export function isAtRisk(s: PurchaseStats, now: Date, rules: CareRules): boolean {
  if (s.purchases < 2) return false;
  const averageGapMs = (s.lastAt.getTime() - s.firstAt.getTime()) / (s.purchases - 1);
  const silentMs = now.getTime() - s.lastAt.getTime();
  return silentMs > Math.max(rules.atRiskFactor * averageGapMs, rules.atRiskMinDays * DAY_MS);
}

/** Who belongs where now: one RFM segment per customer, plus VIP and at-risk. */
export function assignSegments(
  stats: readonly PurchaseStats[],
  tiers: ReadonlyMap<string, string>,
  now: Date,
  rules: CareRules,
): Map<Segment, Set<string>> {
  const members = new Map<Segment, Set<string>>(SEGMENTS.map((s) => [s, new Set<string>()]));
  const scores = rfmScores(stats, now);
  for (const s of stats) {
    members.get(rfmSegment(scores.get(s.customerId)!))!.add(s.customerId);
    if (isAtRisk(s, now, rules)) members.get('at-risk')!.add(s.customerId);
  }
  for (const [customerId, tier] of tiers)
    if (rules.vipTiers.includes(tier)) members.get('vip')!.add(customerId);
  return members;
}

export interface MembershipChange {
  segment: Segment;
  customerId: string;
  change: 'joined' | 'left';
}

/** The joins and leaves that turn `before` into `after`, segment by segment. */
export function membershipChanges(
  before: ReadonlyMap<Segment, ReadonlySet<string>>,
  after: ReadonlyMap<Segment, ReadonlySet<string>>,
): MembershipChange[] {
  const changes: MembershipChange[] = [];
  for (const segment of SEGMENTS) {
    const was = before.get(segment) ?? new Set<string>();
    const is = after.get(segment) ?? new Set<string>();
    for (const customerId of is)
      if (!was.has(customerId)) changes.push({ segment, customerId, change: 'joined' });
    for (const customerId of was)
      if (!is.has(customerId)) changes.push({ segment, customerId, change: 'left' });
  }
  return changes;
}
