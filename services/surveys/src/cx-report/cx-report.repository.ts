import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CxReportEntity } from './cx-report.entity';

/** A position in the list: its sort key and id (the cursor's content). */
export type CxReportPosition = { createdAt: string; id: string };

/** The only place that touches the cx_report table. */
@Injectable()
export class CxReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts in the caller's transaction. False when the code is taken, also by a create that commits
   * meanwhile (the unique index decides, so two concurrent creates cannot both get it).
   */
  async insert(em: EntityManager, cxReport: CxReportEntity): Promise<boolean> {
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(CxReportEntity)
      .values(cxReport)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  findById(id: string): Promise<CxReportEntity | null> {
    return this.dataSource.getRepository(CxReportEntity).findOneBy({ id });
  }

  /** Newest first, after `after` when given; `limit` rows at most. */
  list(after: CxReportPosition | undefined, limit: number): Promise<CxReportEntity[]> {
    const qb = this.dataSource.getRepository(CxReportEntity).createQueryBuilder('x');
    if (after)
      qb.where('(x.created_at, x.id) < (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    return qb.orderBy('x.created_at', 'DESC').addOrderBy('x.id', 'DESC').limit(limit).getMany();
  }
}
