import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One improvement measure. Columns are snake_case in the table (the platform's naming strategy). */
@Entity('improvement_measure')
@Index(['createdAt', 'id'])
export class ImprovementMeasureEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Chosen by whoever creates it; unique, and the way other systems refer to it. */
  @Index({ unique: true }) @Column('text') code!: string;
  @Column('text') name!: string;
  /** An external reference (an id in an enterprise system), when there is one. */
  @Column('text', { nullable: true }) externalRef!: string | null;
  /** From when it counts (improvement-measure.rules.ts). */
  @Column('timestamptz') activeFrom!: Date;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
