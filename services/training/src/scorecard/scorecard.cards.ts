import type { Aggregate, CardRow } from './scorecard.repository';
import {
  Metric,
  MetricInput,
  percent,
  rankWithTies,
  ScorecardPolicy,
  scoreOf,
  STAFF_SATISFACTION_TARGET,
} from './scorecard.rules';

// A month's scorecards from its aggregated facts. Pure: the cases in scorecard.cards.spec.ts.

const round2 = (x: number | null) => (x === null ? null : Math.round(Number(x) * 100) / 100);

/** The figures a card shows, and the metric inputs its score is computed from. */
export function figuresOf(
  a: Aggregate,
  /** The highest amount sold by a subject of the same scope in the month: the sales figure's 100. */
  topSalesMinor: number,
): {
  figures: Record<string, number | null>;
  inputs: Record<Metric, MetricInput>;
} {
  const satisfactionPct = percent(a.satisfied, a.responses);
  const salesAmountMinor = Number(a.salesAmountMinor);
  const salesPct = percent(salesAmountMinor, topSalesMinor);
  const compliancePct = round2(a.auditAvg);
  const complaintHandlingPct = percent(a.resolvedInSla, a.resolved);
  const trainingAvg = round2(a.attemptAvg);
  return {
    figures: {
      responses: a.responses,
      satisfactionPct,
      audits: a.audits,
      compliancePct,
      complaints: a.complaints,
      resolved: a.resolved,
      resolvedInSla: a.resolvedInSla,
      complaintHandlingPct,
      avgResolutionHours: round2(a.resolutionHours),
      breaches: a.breaches,
      attempts: a.attempts,
      trainingAvg,
      sales: a.sales,
      salesAmountMinor,
      salesPct,
    },
    inputs: {
      satisfaction: { value: satisfactionPct, samples: a.responses },
      compliance: { value: compliancePct, samples: a.audits },
      complaintHandling: { value: complaintHandlingPct, samples: a.resolved },
      training: { value: trainingAvg, samples: a.attempts },
      sales: { value: salesPct, samples: a.sales },
    },
  };
}

/**
 * Employee cards ranked across the company and within their store, store cards across stores; a
 * store's card shows the staff survey's satisfaction against the 85 % target when one was recorded.
 */
export function buildScorecards(
  month: string,
  aggregates: Aggregate[],
  policy: ScorecardPolicy,
  staffSatisfaction: Map<string, { pct: number; respondents: number }>,
): CardRow[] {
  const topSales = { employee: 0, store: 0 };
  for (const a of aggregates) topSales[a.scope] = Math.max(topSales[a.scope], Number(a.salesAmountMinor));
  const cards: CardRow[] = aggregates.map((a) => {
    const { figures, inputs } = figuresOf(a, topSales[a.scope]);
    const { score, clearsMinimums, counted } = scoreOf(inputs, policy);
    const staff = a.scope === 'store' ? staffSatisfaction.get(a.subjectId) : undefined;
    return {
      month,
      scope: a.scope,
      subjectId: a.subjectId,
      storeId: a.storeId,
      figures: {
        ...figures,
        counted,
        ...(staff
          ? {
              staffSatisfactionPct: staff.pct,
              staffRespondents: staff.respondents,
              staffSatisfactionMeetsTarget: staff.pct >= STAFF_SATISFACTION_TARGET,
            }
          : {}),
      },
      score,
      clearsMinimums,
      rankInStore: null,
      rankOverall: null,
    };
  });
  for (const scope of ['employee', 'store'] as const) {
    const group = cards.filter((c) => c.scope === scope);
    const overall = rankWithTies(group, (c) => c.score);
    for (const c of group) c.rankOverall = overall.get(c)!;
  }
  const byStore = new Map<string, CardRow[]>();
  for (const c of cards)
    if (c.scope === 'employee' && c.storeId) byStore.set(c.storeId, [...(byStore.get(c.storeId) ?? []), c]);
  for (const group of byStore.values()) {
    const ranks = rankWithTies(group, (c) => c.score);
    for (const c of group) c.rankInStore = ranks.get(c)!;
  }
  return cards;
}
