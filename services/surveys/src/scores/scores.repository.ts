import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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

export interface AlertStateRow {
  scope_type: 'store' | 'touchpoint';
  scope_key: string;
  state: 'ok' | 'breached';
}

/** Counts over responses and invitations for scores, and the early warning's state. */
@Injectable()
export class ScoresRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Per group key, over [from, to): responses, satisfied, CSAT and NPS answers by score, and the
   * invitations that went out in the period with how many of them were answered. One scan each,
   * through the (store_id | touchpoint, submitted_at) indexes when filtered.
   */
  async counts(
    group: ScoreGroup,
    from: Date,
    to: Date,
    filter: { storeId?: string; touchpoint?: string } = {},
    em?: EntityManager,
  ): Promise<Map<string, ResponseCounts>> {
    const key = COLUMN[group];
    // Only the filters given go into the statement (an `$n IS NULL OR ...` would keep Postgres from
    // using the (store_id | touchpoint, time) indexes in a generic plan).
    const params: unknown[] = [from, to];
    const filters: string[] = [];
    if (filter.storeId) filters.push(`store_id = $${params.push(filter.storeId)}`);
    if (filter.touchpoint) filters.push(`touchpoint = $${params.push(filter.touchpoint)}`);
    const where = (time: string) => [`${time} >= $1`, `${time} < $2`, ...filters].join(' AND ');
    const q = (em ?? this.dataSource.manager).query.bind(em ?? this.dataSource.manager);
    const responses: Record<string, string | null>[] = await q(
      `SELECT ${key} AS key, count(*) AS responses, count(*) FILTER (WHERE satisfied) AS satisfied,
              ${[1, 2, 3, 4, 5].map((s) => `count(*) FILTER (WHERE csat = ${s}) AS c${s}`).join(', ')},
              ${[...Array(11).keys()].map((s) => `count(*) FILTER (WHERE nps = ${s}) AS n${s}`).join(', ')}
         FROM response WHERE ${where('submitted_at')}
        GROUP BY 1`,
      params,
    );
    const invited: Record<string, string | null>[] = await q(
      `SELECT ${key} AS key, count(*) AS invited, count(*) FILTER (WHERE status = 'answered') AS answered
         FROM invitation WHERE ${where('sent_at')}
        GROUP BY 1`,
      params,
    );
    const out = new Map<string, ResponseCounts>();
    const entry = (k: string | null) => {
      const name = k ?? '(none)';
      let c = out.get(name);
      if (!c) {
        c = noCounts();
        out.set(name, c);
      }
      return c;
    };
    for (const r of responses) {
      const c = entry(r.key);
      c.responses = Number(r.responses);
      c.satisfied = Number(r.satisfied);
      c.csatByScore = [1, 2, 3, 4, 5].map((s) => Number(r[`c${s}`]));
      c.npsByScore = [...Array(11).keys()].map((s) => Number(r[`n${s}`]));
    }
    for (const r of invited) {
      const c = entry(r.key);
      c.invited = Number(r.invited);
      c.answered = Number(r.answered);
    }
    return out;
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
