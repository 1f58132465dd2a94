import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ResponseEntity } from './response.entity';

/** The only place that touches the response table. */
@Injectable()
export class ResponseRepository {
  async insert(em: EntityManager, r: ResponseEntity): Promise<void> {
    await em.getRepository(ResponseEntity).save(r, { reload: false });
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
}
