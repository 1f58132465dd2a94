import { CreatedAtPosition, insertUnlessTaken, newestFirst } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { QuestionnaireEntity, QuestionnaireVersionEntity } from './questionnaire.entity';

/** The only place that touches the questionnaire tables. */
@Injectable()
export class QuestionnaireRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the code is taken (the unique index decides). */
  insert(em: EntityManager, q: QuestionnaireEntity): Promise<boolean> {
    return insertUnlessTaken(em, QuestionnaireEntity, q);
  }

  async insertVersion(em: EntityManager, v: QuestionnaireVersionEntity): Promise<void> {
    await em.getRepository(QuestionnaireVersionEntity).insert(v);
  }

  /** The questionnaire locked for a new version (two leads publishing at once get 2 and 3). */
  lockById(em: EntityManager, id: string): Promise<QuestionnaireEntity | null> {
    return em
      .getRepository(QuestionnaireEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async setCurrentVersion(em: EntityManager, id: string, version: number): Promise<void> {
    await em.getRepository(QuestionnaireEntity).update({ id }, { currentVersion: version });
  }

  /** `em`: read in the caller's transaction (an event handler's), never on a second pooled connection. */
  findById(id: string, em: EntityManager = this.dataSource.manager): Promise<QuestionnaireEntity | null> {
    return em.getRepository(QuestionnaireEntity).findOneBy({ id });
  }

  findVersion(
    questionnaireId: string,
    version: number,
    em: EntityManager = this.dataSource.manager,
  ): Promise<QuestionnaireVersionEntity | null> {
    return em.getRepository(QuestionnaireVersionEntity).findOneBy({ questionnaireId, version });
  }

  versionsOf(questionnaireId: string): Promise<QuestionnaireVersionEntity[]> {
    return this.dataSource
      .getRepository(QuestionnaireVersionEntity)
      .find({ where: { questionnaireId }, order: { version: 'ASC' } });
  }

  list(after: CreatedAtPosition | undefined, limit: number): Promise<QuestionnaireEntity[]> {
    const qb = this.dataSource.getRepository(QuestionnaireEntity).createQueryBuilder('x');
    return newestFirst(qb, after, limit).getMany();
  }
}
