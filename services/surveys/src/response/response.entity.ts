import type { SurveySubjectType, SurveyTrigger } from '@cx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Answers } from '../questionnaire/questions.rules';

export const RESPONSE_MODES = ['online', 'paper', 'phone', 'interview'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

/** An answer to one questionnaire version, online through an invitation or entered by staff (offline). */
@Entity('response')
export class ResponseEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Unique: an invitation is answered once. Null for offline answers without an invitation. */
  @Column('uuid', { nullable: true }) invitationId!: string | null;
  @Column('uuid') questionnaireId!: string;
  @Column('int') version!: number;
  @Column('text') trigger!: SurveyTrigger;
  @Column('text') subjectType!: SurveySubjectType;
  @Column('text', { nullable: true }) subjectId!: string | null;
  @Column('uuid', { nullable: true }) customerId!: string | null;
  @Column('text', { nullable: true }) storeId!: string | null;
  @Column('text', { nullable: true }) employeeId!: string | null;
  @Column('text', { nullable: true }) touchpoint!: string | null;
  /** The answers by question key; free text is scrubbed when the customer is erased. */
  @Column('jsonb') answers!: Answers;
  @Column('smallint', { nullable: true }) csat!: number | null;
  @Column('smallint', { nullable: true }) nps!: number | null;
  @Column('boolean') satisfied!: boolean;
  @Column('text') mode!: ResponseMode;
  /** Who entered an offline answer. */
  @Column('text', { nullable: true }) enteredBy!: string | null;
  @Column('timestamptz') submittedAt!: Date;
}
