import { ContactPurpose, GetCustomerContactReplyV1 } from '@cx/contracts';
import { CustomerDirectory } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { CustomerContacts } from '../customer/customer.contacts';
import { CustomerError } from '../customer/customer.errors';

/**
 * crm's own notifications read the contact in-process, through the same consent rules and audit as
 * the request other services make (a service does not call itself over NATS).
 */
@Injectable()
export class LocalCustomerDirectory extends CustomerDirectory {
  constructor(private readonly contacts: CustomerContacts) {
    super();
  }

  async contact(customerId: string, purpose: ContactPurpose): Promise<GetCustomerContactReplyV1 | null> {
    try {
      return await this.contacts.contact(customerId, purpose, 'crm');
    } catch (e) {
      // erased is for good: no contact, not a lookup to try again a round later
      if (e instanceof CustomerError && (e.code === 'CUSTOMER_NOT_FOUND' || e.code === 'CUSTOMER_ERASED'))
        return null;
      throw e;
    }
  }
}
