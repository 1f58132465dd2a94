import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ResponseEntity } from './response.entity';

/** The only place that touches the response table. */
@Injectable()
export class ResponseRepository {
  /** One plain INSERT (save() would SELECT first), so it can also go out with other rows (writeTogether). */
  async insert(em: EntityManager, r: ResponseEntity): Promise<void> {
    await em.query(
      `INSERT INTO response (id, invitation_id, questionnaire_id, version, trigger, subject_type, subject_id,
              customer_id, store_id, employee_id, touchpoint, answers, csat, nps, satisfied, mode, entered_by,
              submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        r.id,
        r.invitationId,
        r.questionnaireId,
        r.version,
        r.trigger,
        r.subjectType,
        r.subjectId,
        r.customerId,
        r.storeId,
        r.employeeId,
        r.touchpoint,
        JSON.stringify(r.answers),
        r.csat,
        r.nps,
        r.satisfied,
        r.mode,
        r.enteredBy,
        r.submittedAt,
      ],
    );
  }

  /** Erasure: the customer's responses, locked, to scrub their free text. */
  ofCustomerLocked(em: EntityManager, customerId: string): Promise<ResponseEntity[]> {
    return em
      .getRepository(ResponseEntity)
      .find({ where: { customerId }, lock: { mode: 'pessimistic_write' } });
  }

  async scrub(em: EntityManager, id: string, answers: ResponseEntity['answers']): Promise<void> {
    await em.query(`UPDATE response SET answers = $2, customer_id = NULL WHERE id = $1`, [
      id,
      JSON.stringify(answers),
    ]);
  }

  /** crm merged two records of one person: the merged id's answers become the survivor's. */
  async followMerge(em: EntityManager, survivorId: string, mergedId: string): Promise<void> {
    await em.query(`UPDATE response SET customer_id = $1 WHERE customer_id = $2`, [survivorId, mergedId]);
  }
}
