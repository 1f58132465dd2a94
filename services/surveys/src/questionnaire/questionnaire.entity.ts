import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LocalizedText } from '../common/texts';
import type { Question } from './questions.rules';

/** A questionnaire; its questions live in versions, and every answer keeps the version it answered. */
@Entity('questionnaire')
@Index(['createdAt', 'id'])
export class QuestionnaireEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index({ unique: true }) @Column('text') code!: string;
  @Column('jsonb') title!: LocalizedText;
  /** The version new invitations use. */
  @Column('int') currentVersion!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}

/** One version's questions, never changed once written (answers refer to it). */
@Entity('questionnaire_version')
export class QuestionnaireVersionEntity {
  @PrimaryColumn('uuid') questionnaireId!: string;
  @PrimaryColumn('int') version!: number;
  @Column('jsonb') questions!: Question[];
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
