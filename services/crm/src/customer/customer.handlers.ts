import {
  GetCustomerContactReplyV1,
  GetCustomerContactRequestV1,
  GetCustomerTierReplyV1,
  GetCustomerTierRequestV1,
  Subjects,
} from '@cx/contracts';
import { OnRequest, RequestContext } from '@cx/platform';
import { Controller } from '@nestjs/common';
import { CustomerContacts } from './customer.contacts';

/** Request-reply for the other services (core NATS, queue group: one replica answers). */
@Controller()
export class CustomerHandlers {
  constructor(private readonly contacts: CustomerContacts) {}

  @OnRequest(Subjects.crm.getCustomerContact)
  contact(req: GetCustomerContactRequestV1, ctx: RequestContext): Promise<GetCustomerContactReplyV1> {
    return this.contacts.contact(req.customerId, req.purpose, ctx.source);
  }

  @OnRequest(Subjects.crm.getCustomerTier)
  tier(req: GetCustomerTierRequestV1): Promise<GetCustomerTierReplyV1> {
    return this.contacts.tier(req.customerId);
  }
}
