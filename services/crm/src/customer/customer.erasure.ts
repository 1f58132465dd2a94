import { AuditLog, Clock, EventPublisher, Principal, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CustomerEntity } from './customer.entity';
import { CustomerError } from './customer.errors';
import { customerErased } from './customer.events';
import { CustomerRepository } from './customer.repository';
import { personalFieldsOf } from './customer.service';
import { CustomerView, toCustomerView } from './customer.view';

/** Who the audit log and the event name when the retention job erases. */
export const RETENTION_ACTOR: Principal = { sub: 'crm-retention', roles: ['system'] };

/**
 * Erasure (docs/personal-data.md, Erasure): personal fields and their hashes go, the id, preferences,
 * consent history and purchases stay (anonymous statistics), an `erase` audit entry and
 * evt.crm.customer.erased.v1 commit in the same transaction. Records merged into the customer are
 * the same person: they are erased with it.
 */
@Injectable()
export class CustomerErasure {
  constructor(
    private readonly tx: Transactions,
    private readonly customers: CustomerRepository,
    private readonly audit: AuditLog,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /** Erases on request; erasing an erased customer again changes nothing. */
  erase(id: string, actor: Principal, reason: string, requestedBy: string): Promise<CustomerView> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const c = await this.customers.lockById(em, id);
      if (!c) throw CustomerError.notFound(id);
      await this.eraseLocked(em, c, actor, reason, requestedBy, now);
      return toCustomerView(c, await this.customers.consentsOf(c.id, em), false);
    });
  }

  /** Erases a row the caller holds locked, and the records merged into it. */
  async eraseLocked(
    em: EntityManager,
    c: CustomerEntity,
    actor: Principal,
    reason: string,
    requestedBy: string,
    now: Date,
  ): Promise<void> {
    for (const merged of await this.customers.lockMergedInto(em, c.id))
      await this.eraseOne(em, merged, actor, reason, requestedBy, now);
    await this.eraseOne(em, c, actor, reason, requestedBy, now);
  }

  private async eraseOne(
    em: EntityManager,
    c: CustomerEntity,
    actor: Principal,
    reason: string,
    requestedBy: string,
    now: Date,
  ): Promise<void> {
    if (c.status === 'erased') return;
    const fields = personalFieldsOf(c);
    Object.assign(c, {
      status: 'erased',
      name: null,
      phone: null,
      email: null,
      birthday: null,
      gender: null,
      phoneHash: null,
      emailHash: null,
      birthdayMonthDay: null,
      erasedAt: now,
      updatedAt: now,
    } satisfies Partial<CustomerEntity>);
    c.version += 1;
    await this.customers.update(em, c);
    await this.audit.record(
      { actor, action: 'erase', subjectType: 'customer', subjectId: c.id, fields, purpose: reason },
      em,
    );
    await this.events.publish(em, customerErased(c.id, now, requestedBy));
  }
}
