import { CreatedAtPosition, insertUnlessTaken, newestFirst } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ImprovementMeasureEntity } from '../improvement-measure/improvement-measure.entity';
import { CxReportEntity } from './cx-report.entity';
import type { ReportPeriod } from './cx-report.rules';

/** The list's filters. */
export interface CxReportFilter {
  period?: ReportPeriod;
  storeId?: string;
}

/** The only place that touches the cx_report table. */
@Injectable()
export class CxReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts in the caller's transaction. False when a scheduled report of the same period, scope and
   * language exists already (made by another replica meanwhile: the unique index decides).
   */
  insert(em: EntityManager, report: CxReportEntity): Promise<boolean> {
    return insertUnlessTaken(em, CxReportEntity, report);
  }

  findById(id: string): Promise<CxReportEntity | null> {
    return this.dataSource.getRepository(CxReportEntity).findOneBy({ id });
  }

  /** Whether the scheduled report of this period, scope and language was made. */
  async scheduledExists(period: ReportPeriod, label: string, storeId: string | null, language: string) {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM cx_report WHERE trigger = 'schedule' AND period = $1 AND label = $2
          AND coalesce(store_id, '') = coalesce($3, '') AND language = $4`,
      [period, label, storeId, language],
    );
    return rows.length > 0;
  }

  /** The newest report of a period and scope (any language, made on schedule or on request), or null. */
  async latestOf(
    period: ReportPeriod,
    label: string,
    storeId: string | null,
  ): Promise<CxReportEntity | null> {
    const qb = this.dataSource
      .getRepository(CxReportEntity)
      .createQueryBuilder('r')
      .where('r.period = :period AND r.label = :label', { period, label });
    if (storeId === null) qb.andWhere('r.store_id IS NULL');
    else qb.andWhere('r.store_id = :storeId', { storeId });
    return qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').getOne();
  }

  /** The measures the departments answered a report with (the next report shows them), by department. */
  measuresOf(reportId: string): Promise<ImprovementMeasureEntity[]> {
    return this.dataSource.getRepository(ImprovementMeasureEntity).find({
      where: { reportId },
      order: { department: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** Newest first, after `after` when given; `limit` rows at most. */
  list(f: CxReportFilter, after: CreatedAtPosition | undefined, limit: number): Promise<CxReportEntity[]> {
    const qb = this.dataSource.getRepository(CxReportEntity).createQueryBuilder('x');
    if (f.period) qb.andWhere('x.period = :period', { period: f.period });
    if (f.storeId) qb.andWhere('x.store_id = :storeId', { storeId: f.storeId });
    return newestFirst(qb, after, limit).getMany();
  }
}
