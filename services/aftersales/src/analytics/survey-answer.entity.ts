import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SURVEY_ANSWER_KINDS = ['repair', 'return'] as const;
export type SurveyAnswerKind = (typeof SURVEY_ANSWER_KINDS)[number];

/**
 * A survey answer about a repair (the return visit of step 8) or a completed return, from surveys'
 * `evt.surveys.response.submitted.v1`: only what the satisfaction KPI counts. No customer id and no
 * comment are kept.
 */
@Entity('survey_answer')
export class SurveyAnswerEntity {
  @PrimaryColumn('uuid') responseId!: string;
  @Column('text') kind!: SurveyAnswerKind;
  /** The repair's id, or the returned order's number. */
  @Column('text') subjectId!: string;
  @Column('text', { nullable: true }) storeId!: string | null;
  @Column('boolean') satisfied!: boolean;
  @Column('timestamptz') submittedAt!: Date;
}
