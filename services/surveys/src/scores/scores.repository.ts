import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  Clock,
  formatLocalDate,
  LocalDate,
  MINUTE_MS,
  parseCalendarDate,
  startOfLocalDay,
} from '@cx/platform';
import { dayRange, ROLLUP_TIME_ZONE, planSources } from './rollup.rules';
import { noCounts, ResponseCounts } from './scores.rules';

export const SCORE_GROUPS = ['store', 'touchpoint', 'employee', 'questionnaire', 'all'] as const;
export type ScoreGroup = (typeof SCORE_GROUPS)[number];

const COLUMN: Record<ScoreGroup, string> = {
  store: 'store_id',
  touchpoint: 'touchpoint',
  employee: 'employee_id',
  questionnaire: 'questionnaire_id::text',
  all: `'all'`,
};

/** How long a replica trusts the rollup watermark it read. */
const WATERMARK_TTL_MS = MINUTE_MS;

export interface ScoreFilter {
  storeId?: string;
  touchpoint?: string;
  employeeId?: string;
}

/** The counts a score is made of, as response_daily keeps them per day and group. */
const COUNTS = [
  'responses',
  'satisfied',
  ...[1, 2, 3, 4, 5].map((s) => `c${s}`),
  ...[...Array(11).keys()].map((s) => `n${s}`),
];

export interface AlertStateRow {
  scope_type: 'store' | 'touchpoint';
  scope_key: string;
  state: 'ok' | 'breached';
}

/** Counts over responses and invitations for scores, and the early warning's state. */
@Injectable()
export class ScoresRepository {
  /** The watermark as last read here: an older value only means more raw reads, never wrong figures. */
  private watermark?: { value: LocalDate | null; readAt: number };

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Per group key, over [from, to): responses, satisfied, CSAT and NPS answers by score, and the
   * invitations that went out in the period with how many of them were answered.
   */
  async counts(
    group: ScoreGroup,
    from: Date,
    to: Date,
    filter: ScoreFilter = {},
    em?: EntityManager,
  ): Promise<Map<string, ResponseCounts>> {
    return (await this.series(group, [from, to], filter, em))[0];
  }

  /**
   * The same per period: `bounds` b0 < b1 < ... < bn are the edges of n periods, answered in order.
   * Whole rolled-up days come from response_daily, the rest from the answers (planSources, ADR 0024),
   * in one statement; invitations from their (store_id, sent_at) index.
   */
  async series(
    group: ScoreGroup,
    bounds: Date[],
    filter: ScoreFilter = {},
    em?: EntityManager,
  ): Promise<Map<string, ResponseCounts>[]> {
    const m = em ?? this.dataSource.manager;
    const plan = planSources(bounds, em ? await this.rolledUntil(em) : await this.recentWatermark());
    const key = COLUMN[group];
    const params: unknown[] = [bounds];
    // Only the filters given go into the statement (an `$n IS NULL OR ...` would keep Postgres from
    // using the (store_id | touchpoint, time) indexes and the rollup's (store | touchpoint | employee, day)).
    const filters: string[] = [];
    if (filter.storeId) filters.push(`store_id = $${params.push(filter.storeId)}`);
    if (filter.touchpoint) filters.push(`touchpoint = $${params.push(filter.touchpoint)}`);
    if (filter.employeeId) filters.push(`employee_id = $${params.push(filter.employeeId)}`);
    const and = filters.map((f) => ` AND ${f}`).join('');
    const parts: string[] = [];
    const days = dayRange(plan.days);
    if (days)
      // One index range, read from the covering index alone; a list of days was a probe per day.
      parts.push(
        `SELECT width_bucket((day::timestamp AT TIME ZONE '${ROLLUP_TIME_ZONE}'), $1::timestamptz[]) AS b,
                ${key} AS key, ${COUNTS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
           FROM response_daily
          WHERE day >= $${params.push(days.from)}::date AND day < $${params.push(days.until)}::date${
            days.except.length ? ` AND day <> ALL($${params.push(days.except)}::date[])` : ''
          }${and}
          GROUP BY 1, 2`,
      );
    if (plan.raw.length) {
      const spans = plan.raw
        .map(([a, b]) => `(submitted_at >= $${params.push(a)} AND submitted_at < $${params.push(b)})`)
        .join(' OR ');
      parts.push(
        `SELECT width_bucket(submitted_at, $1::timestamptz[]) AS b, ${key} AS key,
                count(*) AS responses, count(*) FILTER (WHERE satisfied) AS satisfied,
                ${[1, 2, 3, 4, 5].map((s) => `count(*) FILTER (WHERE csat = ${s}) AS c${s}`).join(', ')},
                ${[...Array(11).keys()].map((s) => `count(*) FILTER (WHERE nps = ${s}) AS n${s}`).join(', ')}
           FROM response WHERE (${spans})${and}
          GROUP BY 1, 2`,
      );
    }
    // Invitations in the same statement (one round trip): their counts ride in the `invited` and
    // `answered` columns, the answers' in the others.
    const zeros = COUNTS.map((c) => `0 AS ${c}`).join(', ');
    const rows: Record<string, string | number | null>[] = await m.query(
      `SELECT b, key, ${COUNTS.map((c) => `sum(${c}) AS ${c}`).join(', ')}, 0 AS invited, 0 AS answered
         FROM (${parts.join(' UNION ALL ')}) x GROUP BY 1, 2
       UNION ALL
       SELECT width_bucket(sent_at, $1::timestamptz[]), ${key}, ${zeros}, count(*),
              count(*) FILTER (WHERE status = 'answered')
         FROM invitation
        WHERE sent_at >= $${params.push(bounds[0])} AND sent_at < $${params.push(bounds[bounds.length - 1])}${and}
        GROUP BY 1, 2`,
      params,
    );
    const out = bounds.slice(1).map(() => new Map<string, ResponseCounts>());
    const entry = (b: string | number | null, k: string | number | null) => {
      const period = out[Number(b) - 1];
      const name = k === null ? '(none)' : String(k);
      let c = period.get(name);
      if (!c) {
        c = noCounts();
        period.set(name, c);
      }
      return c;
    };
    for (const r of rows) {
      const c = entry(r.b, r.key);
      c.responses += Number(r.responses);
      c.satisfied += Number(r.satisfied);
      c.csatByScore = c.csatByScore.map((n, i) => n + Number(r[`c${i + 1}`]));
      c.npsByScore = c.npsByScore.map((n, i) => n + Number(r[`n${i}`]));
      c.invited += Number(r.invited);
      c.answered += Number(r.answered);
    }
    return out;
  }

  /** The watermark read at most WATERMARK_TTL_MS ago (one round trip less per request). */
  private async recentWatermark(): Promise<LocalDate | null> {
    const now = this.clock.now().getTime();
    const w = this.watermark;
    if (w && now >= w.readAt && now - w.readAt < WATERMARK_TTL_MS) return w.value;
    const value = await this.rolledUntil(this.dataSource.manager);
    this.watermark = { value, readAt: now };
    return value;
  }

  /** The rollup's watermark: days before it are in response_daily. A stale value only means more raw reads. */
  async rolledUntil(m: EntityManager): Promise<LocalDate | null> {
    const [r] = await m.query<{ rolled_until: string | null }[]>(
      `SELECT rolled_until::text FROM response_rollup_state WHERE id = 1`,
    );
    return r?.rolled_until ? parseCalendarDate(r.rolled_until) : null;
  }

  /**
   * Rolls up the answers of the local days [from, until) into response_daily and moves the watermark
   * to `until`, in the caller's transaction (the rollup job's exclusive one). One scan for all the
   * days, through the BRIN index on submitted_at.
   */
  async rollUp(em: EntityManager, from: LocalDate, until: LocalDate, now: Date): Promise<number> {
    // The count of rows written, not the rows: a month of a large chain is tens of thousands of them.
    const [{ written }] = await em.query<{ written: number }[]>(
      `WITH ins AS (
       INSERT INTO response_daily (day, store_id, touchpoint, employee_id, questionnaire_id, ${COUNTS.join(', ')})
       SELECT (submitted_at AT TIME ZONE '${ROLLUP_TIME_ZONE}')::date, store_id, touchpoint, employee_id, questionnaire_id,
              count(*), count(*) FILTER (WHERE satisfied),
              ${[1, 2, 3, 4, 5].map((s) => `count(*) FILTER (WHERE csat = ${s})`).join(', ')},
              ${[...Array(11).keys()].map((s) => `count(*) FILTER (WHERE nps = ${s})`).join(', ')}
         FROM response WHERE submitted_at >= $1 AND submitted_at < $2
        GROUP BY 1, 2, 3, 4, 5
       RETURNING 1)
       SELECT count(*)::int AS written FROM ins`,
      [startOfLocalDay(from, ROLLUP_TIME_ZONE), startOfLocalDay(until, ROLLUP_TIME_ZONE)],
    );
    await em.query(`UPDATE response_rollup_state SET rolled_until = $1, updated_at = $2 WHERE id = 1`, [
      formatLocalDate(until),
      now,
    ]);
    return written;
  }

  /** When the first answer was recorded (null when there is none): where a first rollup starts. */
  async firstAnswerAt(em: EntityManager): Promise<Date | null> {
    const [r] = await em.query<{ first: Date | null }[]>(`SELECT min(submitted_at) AS first FROM response`);
    return r?.first ?? null;
  }

  async alertStates(em: EntityManager): Promise<AlertStateRow[]> {
    return em.query(`SELECT scope_type, scope_key, state FROM survey_alert_state`);
  }

  async saveAlertState(
    em: EntityManager,
    s: AlertStateRow & { value: number | null; answers: number; period: string; lastAlertId?: string },
    now: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO survey_alert_state (scope_type, scope_key, state, value, answers, period, last_alert_id, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (scope_type, scope_key) DO UPDATE SET state = EXCLUDED.state, value = EXCLUDED.value,
         answers = EXCLUDED.answers, period = EXCLUDED.period,
         last_alert_id = COALESCE(EXCLUDED.last_alert_id, survey_alert_state.last_alert_id), updated_at = EXCLUDED.updated_at`,
      [s.scope_type, s.scope_key, s.state, s.value, s.answers, s.period, s.lastAlertId ?? null, now],
    );
  }

  async insertAlert(
    em: EntityManager,
    a: {
      id: string;
      scopeType: string;
      scopeKey: string;
      value: number;
      threshold: number;
      answers: number;
      period: string;
    },
    now: Date,
  ): Promise<void> {
    await em.query(
      `INSERT INTO survey_alert (id, scope_type, scope_key, value, threshold, answers, period, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [a.id, a.scopeType, a.scopeKey, a.value, a.threshold, a.answers, a.period, now],
    );
  }

  async closeAlerts(em: EntityManager, scopeType: string, scopeKey: string, now: Date): Promise<void> {
    await em.query(
      `UPDATE survey_alert SET recovered_at = $3 WHERE scope_type = $1 AND scope_key = $2 AND recovered_at IS NULL`,
      [scopeType, scopeKey, now],
    );
  }

  openAlerts(): Promise<
    {
      id: string;
      scope_type: string;
      scope_key: string;
      value: string;
      threshold: string;
      answers: number;
      period: string;
      raised_at: Date;
    }[]
  > {
    return this.dataSource.query(
      `SELECT id, scope_type, scope_key, value, threshold, answers, period, raised_at
         FROM survey_alert WHERE recovered_at IS NULL ORDER BY raised_at DESC, id LIMIT 500`,
    );
  }

  /** How many early-warning alerts are open and when the oldest was raised (null when none). */
  async openAlertSummary(): Promise<{ open: number; oldest: Date | null }> {
    const [r] = await this.dataSource.query<{ open: string; oldest: Date | null }[]>(
      `SELECT count(*) AS open, min(raised_at) AS oldest FROM survey_alert WHERE recovered_at IS NULL`,
    );
    return { open: Number(r.open), oldest: r.oldest };
  }
}
