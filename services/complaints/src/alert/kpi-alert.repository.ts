import { runExclusive } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { KpiAlertEntity } from './kpi-alert.entity';

/** The only place that touches the kpi_alert table. */
@Injectable()
export class KpiAlertRepository {
  constructor(private readonly dataSource: DataSource) {}

  open(em: EntityManager): Promise<KpiAlertEntity[]> {
    return em.getRepository(KpiAlertEntity).findBy({ recoveredAt: IsNull() });
  }

  async insert(em: EntityManager, alert: KpiAlertEntity): Promise<void> {
    await em.getRepository(KpiAlertEntity).insert(alert);
  }

  async recover(em: EntityManager, id: string, at: Date, value: number): Promise<void> {
    await em.getRepository(KpiAlertEntity).update({ id }, { recoveredAt: at, recoveredValue: value });
  }

  /** Open ones (or recovered ones), newest first. */
  list(status: 'open' | 'recovered', limit: number): Promise<KpiAlertEntity[]> {
    return this.dataSource.getRepository(KpiAlertEntity).find({
      where: { recoveredAt: status === 'open' ? IsNull() : Not(IsNull()) },
      order: { raisedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** How many alerts are open and when the oldest was raised (null when none): the ops gauges. */
  async openAlertSummary(): Promise<{ open: number; oldest: Date | null }> {
    const [r] = await this.dataSource.query<{ open: string; oldest: Date | null }[]>(
      `SELECT count(*) AS open, min(raised_at) AS oldest FROM kpi_alert WHERE recovered_at IS NULL`,
    );
    return { open: Number(r.open), oldest: r.oldest };
  }

  exclusively<T>(lock: string, work: (em: EntityManager) => Promise<T>) {
    return runExclusive(this.dataSource, lock, work);
  }
}
