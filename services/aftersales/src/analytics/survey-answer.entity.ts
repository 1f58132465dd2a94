import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A survey answer about a repair, from surveys' `evt.surveys.response.submitted.v1` (the return visit of
 * step 8): only what the satisfaction KPI counts. No customer id and no comment are kept.
 */
@Entity('survey_answer')
export class SurveyAnswerEntity {
  @PrimaryColumn('uuid') responseId!: string;
  @Column('text') repairId!: string;
  @Column('text', { nullable: true }) storeId!: string | null;
  @Column('boolean') satisfied!: boolean;
  @Column('timestamptz') submittedAt!: Date;
}
