// Garbage-collection pauses of a bench process, on the shared wall clock (stats.wallMs), so a latency
// phase can tell whether its slow events waited on a collector in the producer or in the consumer.
import { constants, PerformanceObserver } from 'node:perf_hooks';

export interface GcPause {
  /** Start, wall-clock ms (performance.timeOrigin + startTime). */
  at: number;
  ms: number;
  /** Mark-compact (the whole heap) rather than a scavenge of the young generation. */
  major: boolean;
}

export interface GcSummary {
  pauses: number;
  majors: number;
  totalMs: number;
  maxMs: number;
}

const KEEP = 50_000;

/** Starts recording this process's GC pauses; `take()` returns (and forgets) those recorded so far. */
export function recordGcPauses(): { take(): GcPause[]; stop(): void } {
  let pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind;
      pauses.push({
        at: performance.timeOrigin + e.startTime,
        ms: e.duration,
        major: kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      });
    }
    if (pauses.length > KEEP) pauses = pauses.slice(-KEEP);
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    take() {
      const out = pauses;
      pauses = [];
      return out;
    },
    stop: () => observer.disconnect(),
  };
}

/** The pauses that started in [from, to). */
export function gcBetween(pauses: GcPause[], from: number, to: number): GcSummary {
  const inside = pauses.filter((p) => p.at >= from && p.at < to);
  return {
    pauses: inside.length,
    majors: inside.filter((p) => p.major).length,
    totalMs: inside.reduce((s, p) => s + p.ms, 0),
    maxMs: inside.reduce((m, p) => Math.max(m, p.ms), 0),
  };
}

/** How many of the spans [start, end] overlap at least one pause. */
export function overlappingGc(spans: [start: number, end: number][], pauses: GcPause[]): number {
  return spans.filter(([start, end]) => pauses.some((p) => p.at <= end && p.at + p.ms >= start)).length;
}
