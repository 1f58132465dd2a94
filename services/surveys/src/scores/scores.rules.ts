// Pure score rules: CSAT, NPS, averages, distributions and response rates from counts, and the early
// warning's state change. Cases in scores.rules.spec.ts.
import { startOfNextPeriod, startOfPeriod } from '@cx/platform';

/** What the database counts for one group of responses (and of the invitations sent to it). */
export interface ResponseCounts {
  responses: number;
  satisfied: number;
  /** csatByScore[s - 1]: answers with CSAT s (1..5). */
  csatByScore: number[];
  /** npsByScore[s]: answers with NPS s (0..10). */
  npsByScore: number[];
  /** Invitations that went out, and how many of those were answered (response rate). */
  invited: number;
  answered: number;
}

/** Nothing counted yet. */
export function noCounts(): ResponseCounts {
  return {
    responses: 0,
    satisfied: 0,
    csatByScore: [0, 0, 0, 0, 0],
    npsByScore: Array(11).fill(0) as number[],
    invited: 0,
    answered: 0,
  };
}

export interface ScoreSummary {
  responses: number;
  /** Share of responses judged satisfied (the 90 % target counts this), 0..1, null without responses. */
  satisfaction: number | null;
  csat: { answers: number; score: number | null; average: number | null; distribution: number[] };
  nps: {
    answers: number;
    promoters: number;
    passives: number;
    detractors: number;
    score: number | null;
    average: number | null;
    distribution: number[];
  };
  invited: number;
  responseRate: number | null;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
const round = (x: number | null, digits = 4) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * CSAT: share of 4 and 5 among CSAT answers. NPS: promoters (9-10) minus detractors (0-6), in points
 * of percent (-100..100). Averages of the raw scores. Response rate: answered / invited.
 */
export function summarize(c: ResponseCounts): ScoreSummary {
  const csatAnswers = sum(c.csatByScore);
  const npsAnswers = sum(c.npsByScore);
  const promoters = c.npsByScore[9] + c.npsByScore[10];
  const detractors = sum(c.npsByScore.slice(0, 7));
  const weighted = (xs: number[], offset: number) => sum(xs.map((n, i) => n * (i + offset)));
  return {
    responses: c.responses,
    satisfaction: round(ratio(c.satisfied, c.responses)),
    csat: {
      answers: csatAnswers,
      score: round(ratio(c.csatByScore[3] + c.csatByScore[4], csatAnswers)),
      average: round(ratio(weighted(c.csatByScore, 1), csatAnswers), 2),
      distribution: c.csatByScore,
    },
    nps: {
      answers: npsAnswers,
      promoters,
      passives: c.npsByScore[7] + c.npsByScore[8],
      detractors,
      score: npsAnswers === 0 ? null : round(((promoters - detractors) / npsAnswers) * 100, 1),
      average: round(ratio(weighted(c.npsByScore, 0), npsAnswers), 2),
      distribution: c.npsByScore,
    },
    invited: c.invited,
    responseRate: round(ratio(c.answered, c.invited)),
  };
}

export type AlertState = 'ok' | 'breached';

export interface AlertCheck {
  /** The state to keep. */
  next: AlertState;
  /** Raise an alert now (ok -> breached). */
  raise: boolean;
}

/**
 * Early warning: below the target with at least `minAnswers` answers is a breach; an alert is raised
 * when a breach starts, not again while it lasts, and again only after the value has recovered to the
 * target (or above) and fallen once more. Too few answers change nothing.
 */
export function checkAlert(
  state: AlertState,
  value: number | null,
  answers: number,
  target: number,
  minAnswers: number,
): AlertCheck {
  if (value === null || answers < minAnswers) return { next: state, raise: false };
  if (value < target) return { next: 'breached', raise: state === 'ok' };
  return { next: 'ok', raise: false };
}

/** The periods a trend is drawn in. */
export const TREND_INTERVALS = ['week', 'month', 'quarter'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];
/** At most this many periods in one trend (two years of weeks). */
export const MAX_TREND_PERIODS = 106;

/**
 * The edges of a trend's periods in the zone's calendar: the period before the one holding `from`
 * (each period's "previous"), then every period from the one holding `from` until the one holding
 * the last instant before `to`. n + 2 edges for n periods and the one before them.
 */
export function trendBounds(from: Date, to: Date, interval: TrendInterval, timeZone: string): Date[] {
  const first = startOfPeriod(from, interval, timeZone);
  const bounds = [startOfPeriod(first.getTime() - 1, interval, timeZone), first];
  while (bounds[bounds.length - 1] < to && bounds.length <= MAX_TREND_PERIODS + 1)
    bounds.push(startOfNextPeriod(bounds[bounds.length - 1], interval, timeZone));
  return bounds;
}
