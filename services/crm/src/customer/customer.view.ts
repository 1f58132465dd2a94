import { NOTIFICATION_LANGUAGES, NotificationLanguage } from '@cx/platform';
import { ApiProperty } from '@nestjs/swagger';
import {
  CustomerConsentEntity,
  CustomerConsentHistoryEntity,
  CustomerEntity,
  CustomerRetentionPolicyEntity,
} from './customer.entity';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  ConsentChannel,
  ConsentPurpose,
  CUSTOMER_STATUSES,
  CustomerStatus,
  GENDERS,
  Gender,
  REGISTRATION_CHANNELS,
  RegistrationChannel,
} from './customer.rules';

export class ConsentView {
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose!: ConsentPurpose;
  @ApiProperty({ enum: CONSENT_CHANNELS }) channel!: ConsentChannel;
  @ApiProperty() granted!: boolean;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;
  @ApiProperty({ example: 'store-form' }) source!: string;
}

/**
 * A customer as the API answers it. `system` and `agent` callers get the personal fields (an audited
 * read); everyone else, and every answer stored with an Idempotency-Key (ADR 12), gets the masked view:
 * personal fields null and `masked` true ("usable but not visible", docs/crm/customers.md).
 */
export class CustomerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CUSTOMER_STATUSES }) status!: CustomerStatus;
  @ApiProperty({ description: 'Personal fields left out (null) for this caller' }) masked!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Li Mei' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+8613800138000' }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'li.mei@example.com' }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1990-02-28' }) birthday!: string | null;
  @ApiProperty({ enum: GENDERS, nullable: true }) gender!: Gender | null;
  @ApiProperty({ description: 'A phone is on file (also in the masked view)' }) hasPhone!: boolean;
  @ApiProperty({ description: 'An email is on file (also in the masked view)' }) hasEmail!: boolean;
  @ApiProperty({ type: [String] }) preferredSizes!: string[];
  @ApiProperty({ type: [String] }) preferredColours!: string[];
  @ApiProperty({ type: [String] }) preferredCategories!: string[];
  @ApiProperty({ type: [ConsentView] }) consents!: ConsentView[];
  @ApiProperty({
    enum: NOTIFICATION_LANGUAGES,
    nullable: true,
    description: 'The language to write to the customer in; null: not said (zh-CN)',
  })
  preferredLanguage!: NotificationLanguage | null;
  @ApiProperty({ enum: REGISTRATION_CHANNELS }) registrationChannel!: RegistrationChannel;
  @ApiProperty({ type: String, nullable: true, example: 'SH-001' }) registrationStoreId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The survivor, once merged' })
  mergedIntoId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) mergedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) erasedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function toConsentView(c: CustomerConsentEntity): ConsentView {
  return {
    purpose: c.purpose,
    channel: c.channel,
    granted: c.granted,
    changedAt: c.changedAt.toISOString(),
    source: c.source,
  };
}

/** The view; `personal` false gives the masked one (no personal value leaves). */
export function toCustomerView(
  c: CustomerEntity,
  consents: CustomerConsentEntity[],
  personal: boolean,
): CustomerView {
  return {
    id: c.id,
    status: c.status,
    masked: !personal,
    name: personal ? c.name : null,
    phone: personal ? c.phone : null,
    email: personal ? c.email : null,
    birthday: personal ? c.birthday : null,
    gender: personal ? c.gender : null,
    hasPhone: c.phoneHash !== null,
    hasEmail: c.emailHash !== null,
    preferredSizes: c.preferredSizes,
    preferredColours: c.preferredColours,
    preferredCategories: c.preferredCategories,
    consents: consents.map(toConsentView),
    preferredLanguage: c.preferredLanguage,
    registrationChannel: c.registrationChannel,
    registrationStoreId: c.registrationStoreId,
    mergedIntoId: c.mergedIntoId,
    mergedAt: c.mergedAt?.toISOString() ?? null,
    erasedAt: c.erasedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export class ConsentHistoryView extends ConsentView {
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ example: 'E10001' }) recordedBy!: string;
}

export function toConsentHistoryView(h: CustomerConsentHistoryEntity): ConsentHistoryView {
  return {
    purpose: h.purpose,
    channel: h.channel,
    granted: h.granted,
    changedAt: h.changedAt.toISOString(),
    source: h.source,
    recordedAt: h.recordedAt.toISOString(),
    recordedBy: h.recordedBy,
  };
}

export class RetentionPolicyView {
  @ApiProperty({ example: 1095 }) inactiveDays!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ example: 'u-lead' }) updatedBy!: string;
}

export function toRetentionPolicyView(p: CustomerRetentionPolicyEntity): RetentionPolicyView {
  return { inactiveDays: p.inactiveDays, updatedAt: p.updatedAt.toISOString(), updatedBy: p.updatedBy };
}
