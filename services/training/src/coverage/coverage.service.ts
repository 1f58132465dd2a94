import { addLocalMonths, Clock, PeriodRules, resolvePeriod } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { TrainingConfig } from '../config';
import { CourseRepository } from '../course/course.repository';
import { StoreService } from '../store/store.service';
import { CoverageQuery, OverdueQuery } from './dto/coverage.query';
import { CoverageRepository } from './coverage.repository';
import { COVERAGE_TARGET, CoverageLine, coverageFigure, coverageLine } from './coverage.rules';
import { CoverageReportView, OverdueView, toOverdueView } from './coverage.view';

/** A year of deadlines at most in one report. */
const MAX_MONTHS = 12;

/** Coverage of the service-process training, per store and department, and who is overdue. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly coverage: CoverageRepository,
    private readonly courses: CourseRepository,
    private readonly clock: Clock,
    private readonly config: TrainingConfig,
    private readonly stores: StoreService,
  ) {}

  async report(query: CoverageQuery): Promise<CoverageReportView> {
    const now = this.clock.now();
    const rules: PeriodRules = {
      defaultTo: (at) => at,
      defaultFrom: (to, zone) => addLocalMonths(to, -MAX_MONTHS, zone),
      latestTo: (from, zone) => addLocalMonths(from, MAX_MONTHS, zone),
      tooLong: `the period must not be longer than ${MAX_MONTHS} months`,
    };
    const { from, to } = resolvePeriod(
      { ...query, timeZone: query.timeZone ?? this.config.TRAINING_DEFAULT_TIME_ZONE },
      now,
      rules,
    );
    const lines = this.filter(await this.lines(now), query);
    const group = (key: (l: CoverageLine) => string) => {
      const groups = new Map<string, CoverageLine[]>();
      for (const l of lines) groups.set(key(l), [...(groups.get(key(l)) ?? []), l]);
      return [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, ls]) => ({ key: k, ...coverageFigure(ls, from, to, now) }))
        .filter((g) => g.due > 0);
    };
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      target: COVERAGE_TARGET,
      ...coverageFigure(lines, from, to, now),
      byStore: group((l) => l.storeId),
      byDepartment: group((l) => l.department),
    };
  }

  /** Staff past their deadline without the training, oldest deadline first. */
  async overdue(query: OverdueQuery): Promise<OverdueView[]> {
    const now = this.clock.now();
    return this.filter(await this.lines(now), query)
      .filter((l) => l.state === 'overdue')
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.employeeId.localeCompare(b.employeeId))
      .map(toOverdueView);
  }

  private async lines(now: Date): Promise<CoverageLine[]> {
    const required = (await this.courses.serviceProcess()).map((c) => c.id);
    const facts = await this.coverage.facts(required);
    const zoneOf = await this.stores.zones();
    // The deadline runs in the zone of the store the employee was hired into (their first assignment).
    return facts
      .map((f) => coverageLine(f, zoneOf(f.assignments[0]?.storeId ?? ''), now))
      .filter((l): l is CoverageLine => l !== null);
  }

  private filter(lines: CoverageLine[], q: { storeId?: string; department?: string }): CoverageLine[] {
    return lines.filter(
      (l) => (!q.storeId || l.storeId === q.storeId) && (!q.department || l.department === q.department),
    );
  }
}
