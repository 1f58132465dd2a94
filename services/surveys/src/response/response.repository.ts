import { Injectable } from '@nestjs/common';
import { EntityManager, Repository } from 'typeorm';
import { ResponseEntity } from './response.entity';

/** The only place that touches the response table. */
@Injectable()
export class ResponseRepository {
  async insert(em: EntityManager, r: ResponseEntity): Promise<void> {
    // One INSERT (save() would SELECT first); the jsonb answers defeat insert()'s deep-partial type.
    await em
      .getRepository(ResponseEntity)
      .insert(r as unknown as Parameters<Repository<ResponseEntity>['insert']>[0]);
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
