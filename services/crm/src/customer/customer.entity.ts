import { encrypted, NotificationLanguage } from '@cx/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  ConsentChannel,
  ConsentPurpose,
  CustomerStatus,
  Gender,
  RegistrationChannel,
} from './customer.rules';

/**
 * One customer profile. Name, phone, email, birthday and gender are AES-256-GCM tokens in the table
 * (`encrypted()`); phone and email are found through their keyed hashes, unique, so the same phone or
 * email cannot make two customers (docs/personal-data.md).
 */
@Entity('customer')
export class CustomerEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') status!: CustomerStatus;
  @Column('text', { nullable: true, transformer: encrypted() }) name!: string | null;
  /** E.164-style digits with a leading `+` when given. */
  @Column('text', { nullable: true, transformer: encrypted() }) phone!: string | null;
  @Column('text', { nullable: true, transformer: encrypted() }) email!: string | null;
  /** `YYYY-MM-DD`. */
  @Column('text', { nullable: true, transformer: encrypted() }) birthday!: string | null;
  @Column('text', { nullable: true, transformer: encrypted() }) gender!: Gender | null;
  @Column('text', { nullable: true }) phoneHash!: string | null;
  @Column('text', { nullable: true }) emailHash!: string | null;
  /** Month * 100 + day of the birthday, for birthday care without decrypting (the year stays secret). */
  @Column('smallint', { nullable: true }) birthdayMonthDay!: number | null;
  @Column('text', { array: true }) preferredSizes!: string[];
  @Column('text', { array: true }) preferredColours!: string[];
  @Column('text', { array: true }) preferredCategories!: string[];
  @Column('text') registrationChannel!: RegistrationChannel;
  @Column('text', { nullable: true }) registrationStoreId!: string | null;
  /** The language to write to the customer in; null: not said (zh-CN). Not encrypted. */
  @Column('text', { nullable: true }) preferredLanguage!: NotificationLanguage | null;
  /** Set when this record was merged into another: the survivor that speaks for it now. */
  @Column('uuid', { nullable: true }) mergedIntoId!: string | null;
  @Column('timestamptz', { nullable: true }) mergedAt!: Date | null;
  @Column('timestamptz', { nullable: true }) erasedAt!: Date | null;
  /** Last change of the profile; with the last purchase it decides retention. */
  @Column('timestamptz') lastActivityAt!: Date;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
  @Column('timestamptz') updatedAt!: Date;
  @Column('int') version!: number;
  /** Filled by the repository's reads that join the consents (no column). */
  consents?: CustomerConsentEntity[];
}

/** The customer's current answer for one purpose on one channel. */
@Entity('customer_consent')
export class CustomerConsentEntity {
  @PrimaryColumn('uuid') customerId!: string;
  @PrimaryColumn('text') purpose!: ConsentPurpose;
  @PrimaryColumn('text') channel!: ConsentChannel;
  @Column('boolean') granted!: boolean;
  /** When the customer gave or withdrew it. */
  @Column('timestamptz') changedAt!: Date;
  /** How: `store-form`, `app`, `unsubscribe-link`, ... */
  @Column('text') source!: string;
}

/** Every consent given or withdrawn, in the order it was recorded: the proof of consent. */
@Entity('customer_consent_history')
export class CustomerConsentHistoryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') customerId!: string;
  @Column('text') purpose!: ConsentPurpose;
  @Column('text') channel!: ConsentChannel;
  @Column('boolean') granted!: boolean;
  @Column('timestamptz') changedAt!: Date;
  @Column('text') source!: string;
  @Column('timestamptz') recordedAt!: Date;
  @Column('text') recordedBy!: string;
}

/** The lead's retention setting (one row). */
@Entity('customer_retention_policy')
export class CustomerRetentionPolicyEntity {
  @PrimaryColumn('smallint') id!: number;
  @Column('int') inactiveDays!: number;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}

/** The customer feature's entities, for the service definition. */
export const CUSTOMER_ENTITIES = [
  CustomerEntity,
  CustomerConsentEntity,
  CustomerConsentHistoryEntity,
  CustomerRetentionPolicyEntity,
];
