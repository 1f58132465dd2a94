import { IsBoolean, IsEmail, IsIn, Length, IsString, Matches } from 'class-validator';
import { CONTACT_CHANNELS, CONTACT_PURPOSES, ContactChannel, ContactPurpose } from '../common/enums';
import { IsId, IsNested, IsText, OptionalField } from '../common/rules';
import { defineRequest } from '../registry';

/** Asks crm for the contact details of a customer, for one stated purpose (crm writes it to its access audit log). */
export class GetCustomerContactRequestV1 {
  @IsId() customerId!: string;
  @IsIn(CONTACT_PURPOSES) purpose!: ContactPurpose;
}

/** What the customer agreed to be contacted about and on which channel. */
export class ContactConsentV1 {
  /** Marketing messages (offers, birthday care). Service messages about the customer's own case need no marketing consent. */
  @IsBoolean() marketing!: boolean;
  @IsBoolean() sms!: boolean;
  @IsBoolean() email!: boolean;
  @IsBoolean() phone!: boolean;
}

/**
 * A customer's contact details. PERSONAL DATA: use it transiently to send the message it was asked
 * for, then drop it; never store it, log it, or put it into an event.
 */
export class GetCustomerContactReplyV1 {
  @IsId() customerId!: string;
  @OptionalField() @IsText() name?: string;
  /** E.164 where known, e.g. `+8613800138000`. */
  @OptionalField() @IsString() @Length(3, 32) phone?: string;
  @OptionalField() @IsEmail() email?: string;
  @OptionalField() @IsIn(CONTACT_CHANNELS) preferredChannel?: ContactChannel;
  @IsNested(() => ContactConsentV1) consent!: ContactConsentV1;
  /**
   * The language the customer wants to be written to, a BCP 47 tag (today `zh-CN` or `en`); absent when
   * the customer has not said. Added in v1 (optional): a consumer writes in it when it has texts in it,
   * in zh-CN otherwise, so a language added later needs no new version.
   */
  @OptionalField() @IsString() @Length(2, 35) @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/) language?: string;
}

export const getCustomerContactV1 = defineRequest(
  'rpc.crm.get-customer-contact.v1',
  GetCustomerContactRequestV1,
  GetCustomerContactReplyV1,
  {
    description:
      'Contact details of a customer for one purpose (audited by crm). The reply is personal data: use it transiently, never store, log or publish it.',
    consumers: ['complaints', 'aftersales', 'surveys'],
  },
);
