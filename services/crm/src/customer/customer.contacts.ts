import {
  ContactPurpose,
  GetCustomerContactReplyV1,
  GetCustomerTierReplyV1,
  ServiceName,
  Tier,
  TIERS,
} from '@cx/contracts';
import { AuditLog, Principal } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CustomerEntity } from './customer.entity';
import { CustomerError } from './customer.errors';
import { CustomerRepository } from './customer.repository';
import { hasMarketingConsent, mayContact } from './customer.rules';

/**
 * Who the audit log names for a contact request: the service that asked (the platform's RpcClient names
 * it in the request's `Cx-Source` header), as `service:<name>`, with the stated purpose beside it. A
 * request without a known service is still answered and audited, as `service:unknown`.
 */
export function contactRequestActor(caller: ServiceName | undefined): Principal {
  return { sub: `service:${caller ?? 'unknown'}`, roles: ['system'] };
}

/** The lowest tier: a customer loyalty has no tier row for yet. */
const LOWEST_TIER: Tier = TIERS[0];

/** What other services may ask about a customer: contact for one purpose (audited), and the tier. */
@Injectable()
export class CustomerContacts {
  constructor(
    private readonly customers: CustomerRepository,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The contact details one purpose may use: only the channels the customer's consent allows for it
   * (docs/crm/customers.md). A merged record answers with its survivor's details; an erased customer
   * has none. The read is audited before it leaves, naming the service that asked and the purpose.
   */
  async contact(
    customerId: string,
    purpose: ContactPurpose,
    caller: ServiceName | undefined,
  ): Promise<GetCustomerContactReplyV1> {
    const c = await this.current(customerId);
    const consents = await this.customers.consentsOf(c.id);
    const allowed = {
      sms: mayContact(purpose, 'sms', consents),
      email: mayContact(purpose, 'email', consents),
      phone: mayContact(purpose, 'phone', consents),
    };
    const reply: GetCustomerContactReplyV1 = {
      customerId: c.id,
      ...(c.name ? { name: c.name } : {}),
      ...(c.phone && (allowed.sms || allowed.phone) ? { phone: c.phone } : {}),
      ...(c.email && allowed.email ? { email: c.email } : {}),
      consent: { marketing: hasMarketingConsent(consents), ...allowed },
      ...(c.preferredLanguage ? { language: c.preferredLanguage } : {}),
    };
    const fields = (['name', 'phone', 'email'] as const).filter((f) => reply[f] !== undefined);
    await this.audit.record({
      actor: contactRequestActor(caller),
      action: 'read',
      subjectType: 'customer',
      subjectId: c.id,
      fields,
      purpose,
    });
    return reply;
  }

  /** The tier loyalty keeps for the customer (its `customer_tier` row); the lowest tier without one. */
  async tier(customerId: string): Promise<GetCustomerTierReplyV1> {
    const c = await this.current(customerId);
    const row = await this.customers.tierOf(c.id);
    if (!row || !(TIERS as readonly string[]).includes(row.tier))
      return { customerId: c.id, tier: LOWEST_TIER };
    return { customerId: c.id, tier: row.tier as Tier, since: row.since.toISOString() };
  }

  /** The record that speaks for `id`: itself, or its survivor once merged. */
  private async current(id: string): Promise<CustomerEntity> {
    const c = await this.customers.findById(id);
    if (!c) throw CustomerError.notFound(id);
    if (c.status === 'erased') throw CustomerError.erased(id);
    if (c.status === 'merged' && c.mergedIntoId) {
      const survivor = await this.customers.findById(c.mergedIntoId);
      if (!survivor) throw CustomerError.notFound(id);
      if (survivor.status === 'erased') throw CustomerError.erased(id);
      return survivor;
    }
    return c;
  }
}
