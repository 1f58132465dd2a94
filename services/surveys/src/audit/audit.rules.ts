import type { LocalizedText } from '../common/texts';

// Pure rules of mystery-shopper audits: checklist shape, scoring with critical items and per-section
// passing scores, who may audit a store, and the pass rate. Cases in audit.rules.spec.ts.

export interface ChecklistItem {
  key: string;
  text: LocalizedText;
  /** Points the item is worth. */
  weight: number;
  /** Failing it fails the whole audit, whatever the score. */
  critical: boolean;
}

/** Items grouped by touchpoint, with the score the section needs on its own. */
export interface ChecklistSection {
  touchpoint: string;
  /** Percent (0..100) of the section's points needed for the section to pass. */
  passingScorePct: number;
  items: ChecklistItem[];
}

export interface ItemResult {
  key: string;
  passed: boolean;
  note?: string;
}

export interface SectionScore {
  touchpoint: string;
  score: number;
  maxScore: number;
  pct: number;
  passed: boolean;
}

export interface AuditScore {
  sections: SectionScore[];
  scorePct: number;
  passed: boolean;
  /** Why it failed: `score`, `section:<touchpoint>`, `critical:<item>`. */
  failedBecause: string[];
  failedItems: { key: string; touchpoint: string; note?: string; critical: boolean }[];
}

export interface FieldProblem {
  field: string;
  messages: string[];
}

/** The pass-rate target for stores (seed 002): 95 % of audits passed. */
export const AUDIT_PASS_RATE_TARGET = 0.95;

/** What is wrong with a checklist's sections; empty when it may be used. */
export function checklistProblems(sections: ChecklistSection[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  if (sections.length === 0) problems.push({ field: 'sections', messages: ['at least one section'] });
  sections.forEach((s, i) => {
    if (s.items.length === 0)
      problems.push({ field: `sections[${i}].items`, messages: ['at least one item'] });
    s.items.forEach((it, j) => {
      if (keys.has(it.key))
        problems.push({ field: `sections[${i}].items[${j}].key`, messages: [`key ${it.key} is used twice`] });
      keys.add(it.key);
    });
  });
  return problems;
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Scores results against a checklist: each section's points (weights of passed items), its percent
 * against its own passing score; the overall percent against `thresholdPct`. A failed critical item
 * or a failed section fails the audit on its own. Every item must have exactly one result.
 */
export function scoreAudit(
  sections: ChecklistSection[],
  results: ItemResult[],
  thresholdPct: number,
): { score: AuditScore } | { problems: FieldProblem[] } {
  const byKey = new Map(results.map((r) => [r.key, r]));
  const all = sections.flatMap((s) => s.items.map((it) => ({ ...it, touchpoint: s.touchpoint })));
  const known = new Set(all.map((it) => it.key));
  const problems: FieldProblem[] = [];
  results.forEach((r, i) => {
    if (!known.has(r.key))
      problems.push({ field: `items[${i}].key`, messages: [`no item ${r.key} on the checklist`] });
  });
  if (byKey.size !== results.length) problems.push({ field: 'items', messages: ['an item is scored twice'] });
  const missing = all.filter((it) => !byKey.has(it.key)).map((it) => it.key);
  if (missing.length) problems.push({ field: 'items', messages: [`not scored: ${missing.join(', ')}`] });
  if (problems.length) return { problems };

  const failedBecause: string[] = [];
  const sectionScores = sections.map((s) => {
    const maxScore = s.items.reduce((a, it) => a + it.weight, 0);
    const score = s.items.reduce((a, it) => a + (byKey.get(it.key)!.passed ? it.weight : 0), 0);
    const pct = maxScore === 0 ? 100 : round((score / maxScore) * 100);
    const passed = pct >= s.passingScorePct;
    if (!passed) failedBecause.push(`section:${s.touchpoint}`);
    return { touchpoint: s.touchpoint, score, maxScore, pct, passed };
  });
  const total = sectionScores.reduce((a, s) => a + s.maxScore, 0);
  const got = sectionScores.reduce((a, s) => a + s.score, 0);
  const scorePct = total === 0 ? 100 : round((got / total) * 100);
  if (scorePct < thresholdPct) failedBecause.unshift('score');
  const failedItems = all
    .filter((it) => !byKey.get(it.key)!.passed)
    .map((it) => ({
      key: it.key,
      touchpoint: it.touchpoint,
      critical: it.critical,
      ...(byKey.get(it.key)!.note && { note: byKey.get(it.key)!.note }),
    }));
  for (const it of failedItems) if (it.critical) failedBecause.push(`critical:${it.key}`);
  return {
    score: {
      sections: sectionScores,
      scorePct,
      passed: failedBecause.length === 0,
      failedBecause,
      failedItems,
    },
  };
}

/** An auditor never audits the store they work in (their home store, or the store claim of their token). */
export function mayAudit(auditor: { homeStoreId: string | null }, storeId: string): boolean {
  return auditor.homeStoreId !== storeId;
}

/** Share of audits passed, and whether it meets the target; null without audits. */
export function passRate(audits: number, passed: number, target = AUDIT_PASS_RATE_TARGET) {
  const rate = audits === 0 ? null : Math.round((passed / audits) * 10_000) / 10_000;
  return { audits, passed, rate, meetsTarget: rate === null ? null : rate >= target };
}

export const QUARTER = /^\d{4}-Q[1-4]$/;
