// Pure: the after-sales targets of seed 004 and how a period's figures compare (kpis.spec.ts).

export const TARGETS = { firstResponseHours: 24, resolutionRatePct: 95, satisfactionPct: 90 } as const;

/** A share in percent with one decimal, or null when there is nothing to divide by. */
export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** Whether a figure meets its target; null (not judged) when the figure is unknown. */
export function meets(value: number | null, target: number): boolean | null {
  return value === null ? null : value >= target;
}
