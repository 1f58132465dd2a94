import type { ScorecardFigureCode, ServiceName } from '@cx/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MeasureStatus } from './improvement-measure.rules';

/**
 * What a department will do about a CX report (seed 003 6.5, PDCA): a goal, its owner and due date, and
 * the scorecard KPI it must move; the next report of the same period and scope shows that KPI before
 * (in the report answered) and after. Columns are snake_case in the table.
 */
@Entity('improvement_measure')
@Index(['createdAt', 'id'])
export class ImprovementMeasureEntity {
  @PrimaryColumn('uuid') id!: string;
  /** The CX report it answers. */
  @Index() @Column('uuid') reportId!: string;
  /** The department that answers: a service name (`complaints`), the `dept` of its lead. */
  @Column('text') department!: ServiceName;
  @Column('text') goal!: string;
  /** The employee number of who carries it out. */
  @Column('text') ownerId!: string;
  /** YYYY-MM-DD on the report's calendar. */
  @Column('date') dueDate!: string;
  @Column('text') kpi!: ScorecardFigureCode;
  @Column('text') status!: MeasureStatus;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}
