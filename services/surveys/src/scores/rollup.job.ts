import {
  addCalendarDays,
  Clock,
  compareLocalDates,
  localDateOf,
  MINUTE_MS,
  runExclusive,
  ScheduledJobs,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SurveysConfig } from '../config';
import { lastClosedDay, ROLLUP_TIME_ZONE } from './rollup.rules';
import { ScoresRepository } from './scores.repository';

/** A day is rolled up once it ended this long ago (an answer's transaction has committed by then). */
const GRACE_MS = 5 * MINUTE_MS;
/** Days rolled up per transaction: a first rollup of a long history goes in bounded steps. */
const DAYS_PER_STEP = 31;

/**
 * Rolls the answers of closed days up into response_daily every SURVEY_ROLLUP_INTERVAL_MS (ADR 0024),
 * one replica at a time (runExclusive): each step rolls up to 31 days and moves the watermark in the
 * same transaction, so a crash loses nothing and repeats nothing.
 */
@Injectable()
export class RollupJob extends ScheduledJobs {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: ScoresRepository,
    private readonly clock: Clock,
    config: SurveysConfig,
  ) {
    super('RollupJob');
    this.scheduler.every('surveys.rollup', config.SURVEY_ROLLUP_INTERVAL_MS, () =>
      this.rollUpOnce(this.clock.now()),
    );
  }

  /** Rolls up every closed day not rolled up yet at `now`; answers the rows written (0 when another replica is at it). */
  async rollUpOnce(now: Date): Promise<number> {
    let written = 0;
    for (;;) {
      const step = await runExclusive(this.ds, 'surveys.rollup', async (em) => {
        const until = addCalendarDays(lastClosedDay(now, GRACE_MS), 1);
        const mark = await this.repo.rolledUntil(em);
        const first = mark ? null : await this.repo.firstAnswerAt(em);
        const from = mark ?? (first ? localDateOf(first, ROLLUP_TIME_ZONE) : until);
        if (compareLocalDates(from, until) >= 0) {
          // Nothing to roll up yet: a first watermark still goes down, so the next days start from it.
          if (!mark) await this.repo.rollUp(em, until, until, now);
          return undefined;
        }
        const stepEnd = addCalendarDays(from, DAYS_PER_STEP);
        return this.repo.rollUp(em, from, compareLocalDates(stepEnd, until) < 0 ? stepEnd : until, now);
      });
      if (!step.ran || step.result === undefined) return written;
      written += step.result;
    }
  }
}
