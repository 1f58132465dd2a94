import { AlertRaisedV1, Subjects, uuidv7 } from '@cx/contracts';
import {
  addLocalDays,
  addLocalMonths,
  Clock,
  EventPublisher,
  formatLocalDate,
  localDateOf,
  resolvePeriod,
  startOfNextPeriod,
  startOfPeriod,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SettingsRepository } from '../settings/settings.repository';
import { ScoresQuery } from './dto/scores.query';
import { ScoresRepository } from './scores.repository';
import { TrendsQuery } from './dto/trends.query';
import { checkAlert, noCounts, summarize, trendBounds } from './scores.rules';
import { AlertView, ScoresView, TrendPointView, TrendsView } from './scores.view';

const PERIOD_RULES = {
  defaultTo: (now: Date, tz: string) => startOfNextPeriod(now, 'day', tz),
  defaultFrom: (to: Date, tz: string) => startOfPeriod(new Date(to.getTime() - 1), 'month', tz),
  latestTo: (from: Date, tz: string) => addLocalDays(from, 731, tz),
  tooLong: 'the period must not be longer than 731 days',
};

export interface AlertRun {
  raised: number;
  recovered: number;
}

/** Scores for the quality lead, and the early warning over the current month. */
@Injectable()
export class ScoresService {
  constructor(
    private readonly repo: ScoresRepository,
    private readonly settings: SettingsRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async summary(q: ScoresQuery): Promise<ScoresView> {
    const { from, to } = resolvePeriod(q, this.clock.now(), PERIOD_RULES);
    const group = q.groupBy ?? 'store';
    const counts = await this.repo.counts(group, from, to, {
      storeId: q.storeId,
      touchpoint: q.touchpoint,
    });
    const groups = [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, c]) => ({ key, ...summarize(c) }));
    return { groupBy: group, from: from.toISOString(), to: to.toISOString(), groups };
  }

  /**
   * Scores per week, month or quarter of one store, touchpoint or employee (or everything), each with
   * the period before it: one read of the rollup and the answers for all the periods.
   */
  async trends(q: TrendsQuery): Promise<TrendsView> {
    const interval = q.interval ?? 'month';
    const { from, to, timeZone } = resolvePeriod(q, this.clock.now(), {
      defaultTo: (now, tz) => startOfNextPeriod(now, interval, tz),
      defaultFrom: (end, tz) => startOfPeriod(addLocalMonths(end.getTime() - 1, -11, tz), 'month', tz),
      latestTo: (start, tz) => addLocalDays(start, 731, tz),
      tooLong: 'the period must not be longer than 731 days',
    });
    const bounds = trendBounds(from, to, interval, timeZone);
    const filter = { storeId: q.storeId, touchpoint: q.touchpoint, employeeId: q.employeeId };
    const counts = await this.repo.series('all', bounds, filter);
    const point = (i: number): TrendPointView => ({
      from: bounds[i].toISOString(),
      to: bounds[i + 1].toISOString(),
      ...summarize(counts[i].get('all') ?? noCounts()),
    });
    return {
      interval,
      timeZone,
      storeId: q.storeId ?? null,
      touchpoint: q.touchpoint ?? null,
      employeeId: q.employeeId ?? null,
      periods: counts.slice(1).map((_, i) => ({ ...point(i + 1), previous: point(i) })),
    };
  }

  async openAlerts(): Promise<AlertView[]> {
    return (await this.repo.openAlerts()).map((a) => ({
      id: a.id,
      scopeType: a.scope_type,
      scopeKey: a.scope_key,
      value: Number(a.value),
      threshold: Number(a.threshold),
      answers: a.answers,
      period: a.period,
      raisedAt: new Date(a.raised_at).toISOString(),
    }));
  }

  /**
   * Early warning over the current month, per store and per touchpoint, in the caller's transaction
   * (the job's exclusive one): an alert when satisfaction falls below the target with enough answers,
   * once per breach; the breach ends when it is back at the target.
   */
  async checkAlerts(em: EntityManager, now: Date): Promise<AlertRun> {
    const s = await this.settings.settings(em);
    const from = startOfPeriod(now, 'month', s.timeZone);
    const to = startOfNextPeriod(now, 'month', s.timeZone);
    const period = formatLocalDate(localDateOf(from, s.timeZone)).slice(0, 7);
    const states = new Map(
      (await this.repo.alertStates(em)).map((r) => [`${r.scope_type}:${r.scope_key}`, r.state]),
    );
    const run: AlertRun = { raised: 0, recovered: 0 };
    for (const scopeType of ['store', 'touchpoint'] as const) {
      const counts = await this.repo.counts(scopeType, from, to, {}, em);
      for (const [scopeKey, c] of counts) {
        if (scopeKey === '(none)') continue;
        const summary = summarize(c);
        const before = states.get(`${scopeType}:${scopeKey}`) ?? 'ok';
        const check = checkAlert(
          before,
          summary.satisfaction,
          c.responses,
          s.satisfactionTarget,
          s.alertMinAnswers,
        );
        let lastAlertId: string | undefined;
        if (check.raise) {
          lastAlertId = uuidv7();
          const value = summary.satisfaction ?? 0;
          await this.repo.insertAlert(
            em,
            {
              id: lastAlertId,
              scopeType,
              scopeKey,
              value,
              threshold: s.satisfactionTarget,
              answers: c.responses,
              period,
            },
            now,
          );
          await this.events.publish<AlertRaisedV1>(em, {
            type: Subjects.surveys.alertRaised,
            aggregateId: lastAlertId,
            occurredAt: now,
            data: {
              alertId: lastAlertId,
              metric: 'customer-satisfaction',
              scope: scopeType === 'store' ? { storeId: scopeKey } : { touchpoint: scopeKey },
              value,
              threshold: s.satisfactionTarget,
              period,
              raisedAt: now.toISOString(),
            },
          });
          run.raised++;
        }
        if (before === 'breached' && check.next === 'ok') {
          await this.repo.closeAlerts(em, scopeType, scopeKey, now);
          run.recovered++;
        }
        if (check.next !== before || check.raise || states.has(`${scopeType}:${scopeKey}`))
          await this.repo.saveAlertState(
            em,
            {
              scope_type: scopeType,
              scope_key: scopeKey,
              state: check.next,
              value: summary.satisfaction,
              answers: c.responses,
              period,
              lastAlertId,
            },
            now,
          );
      }
    }
    return run;
  }
}
