import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LocalizedText } from '../common/texts';

/**
 * A key touchpoint (seed 002): a moment of the customer's journey (web site, sales talk, fitting room,
 * checkout, delivery, after-sales ...) with the department answerable for it and its measurable
 * standards. Questionnaire questions and audit checklist sections refer to it by code.
 */
@Entity('touchpoint')
@Index(['createdAt', 'id'])
export class TouchpointEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Unique; the way questions, audits and events name it (`checkout`). */
  @Index({ unique: true }) @Column('text') code!: string;
  @Column('jsonb') name!: LocalizedText;
  /** The responsible department's code. */
  @Column('text') department!: string;
  /** Measurable standards ("greeted within 30 seconds"). */
  @Column('jsonb') standards!: LocalizedText[];
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
