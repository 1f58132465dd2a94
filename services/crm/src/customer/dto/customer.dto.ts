import { IsCode, IsCodeList, IsIntIn, IsText, IsTimestamp, OptionalField } from '@cx/contracts';
import {
  IsEmailAddress,
  IsPhone,
  IsPlainRef,
  NOTIFICATION_LANGUAGES,
  NotificationLanguage,
} from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  ConsentChannel,
  ConsentPurpose,
  GENDERS,
  Gender,
  REGISTRATION_CHANNELS,
  RegistrationChannel,
} from '../customer.rules';

const PREFERENCES_MAX = 20;

/** Consent given or withdrawn for one purpose on one channel. */
export class ConsentDto {
  @ApiProperty({ enum: CONSENT_PURPOSES }) @IsIn(CONSENT_PURPOSES) purpose!: ConsentPurpose;
  @ApiProperty({ enum: CONSENT_CHANNELS }) @IsIn(CONSENT_CHANNELS) channel!: ConsentChannel;
  @ApiProperty({ description: 'true: given; false: withdrawn' }) @IsBoolean() granted!: boolean;
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-01T10:00:00+08:00',
    description: 'When the customer gave or withdrew it; default now',
  })
  @IsOptional()
  @IsTimestamp()
  at?: string;
  @ApiProperty({
    example: 'store-form',
    description: 'How: store-form, app, online-form, unsubscribe-link, ...',
  })
  @IsCode()
  source!: string;
}

class PreferencesDto {
  @ApiPropertyOptional({ type: [String], example: ['M', 'EU 39'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PREFERENCES_MAX)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  preferredSizes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['navy', 'white'] })
  @IsOptional()
  @IsCodeList(PREFERENCES_MAX)
  preferredColours?: string[];

  @ApiPropertyOptional({ type: [String], example: ['outerwear', 'shoes'] })
  @IsOptional()
  @IsCodeList(PREFERENCES_MAX)
  preferredCategories?: string[];
}

/** POST /customers. Name, phone, email, birthday and gender are personal data, encrypted at rest. */
export class CreateCustomerDto extends PreferencesDto {
  @ApiProperty({ example: 'Li Mei' }) @IsText() name!: string;

  @ApiPropertyOptional({ example: '+86 138 0013 8000', description: 'Give a phone, an email or both' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'li.mei@example.com' })
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional({ example: '1990-02-28', description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  birthday?: string;

  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS) gender?: Gender;

  @ApiProperty({ enum: REGISTRATION_CHANNELS })
  @IsIn(REGISTRATION_CHANNELS)
  registrationChannel!: RegistrationChannel;

  @ApiPropertyOptional({ example: 'SH-001', description: 'The store where the customer joined' })
  @IsOptional()
  @IsPlainRef()
  registrationStoreId?: string;

  @ApiPropertyOptional({
    enum: NOTIFICATION_LANGUAGES,
    description: 'The language to write to the customer in (BCP 47); default: not said (zh-CN)',
  })
  @IsOptional()
  @IsIn(NOTIFICATION_LANGUAGES)
  preferredLanguage?: NotificationLanguage;

  @ApiPropertyOptional({ type: [ConsentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONSENT_PURPOSES.length * CONSENT_CHANNELS.length)
  @ValidateNested({ each: true })
  @Type(() => ConsentDto)
  consents?: ConsentDto[];
}

/** PATCH /customers/:id: what is sent changes; `null` removes an optional personal field. */
export class UpdateCustomerDto extends PreferencesDto {
  @ApiPropertyOptional({ example: 'Li Mei' }) @OptionalField() @IsText() name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+86 138 0013 8000' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsPhone()
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'li.mei@example.com' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '1990-02-28' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsString()
  birthday?: string | null;

  @ApiPropertyOptional({ enum: GENDERS, nullable: true })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'SH-001' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsPlainRef()
  registrationStoreId?: string | null;

  @ApiPropertyOptional({ enum: NOTIFICATION_LANGUAGES, nullable: true, description: 'null: not said' })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsIn(NOTIFICATION_LANGUAGES)
  preferredLanguage?: NotificationLanguage | null;

  @ApiPropertyOptional({ type: [ConsentDto], description: 'Consents given or withdrawn now' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONSENT_PURPOSES.length * CONSENT_CHANNELS.length)
  @ValidateNested({ each: true })
  @Type(() => ConsentDto)
  consents?: ConsentDto[];
}

/** Why personal data is read: required of callers who see contact details; written to the audit log. */
export class PurposeQuery {
  @ApiPropertyOptional({
    example: 'complaint C-2026-000123',
    description: 'Why the personal data is read (required for system and agent callers; audited)',
  })
  @IsOptional()
  @IsText()
  purpose?: string;
}

/** POST /customers/search: by phone or email (in the body: personal data never goes into a URL). */
export class FindCustomerDto {
  @ApiPropertyOptional({ example: '+86 138 0013 8000' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'li.mei@example.com' })
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @ApiProperty({ example: 'caller on the hotline', description: 'Why (audited)' })
  @IsText()
  purpose!: string;
}

/** POST /customers/:id/erasure */
export class EraseCustomerDto {
  @ApiProperty({ example: 'customer request by email of 2026-11-01', description: 'Why (audited)' })
  @IsText()
  reason!: string;

  @ApiPropertyOptional({
    example: 'customer',
    description: 'Who asked: `customer` (the default) or the staff member who decided it',
  })
  @IsOptional()
  @IsPlainRef()
  requestedBy?: string;
}

/** POST /customers/:id/merge */
export class MergeCustomerDto {
  @ApiProperty({ format: 'uuid', description: 'The duplicate record, merged into this one' })
  @IsUUID('all')
  duplicateId!: string;
}

/** PUT /admin/policies/customer-retention */
export class RetentionPolicyDto {
  @ApiProperty({
    example: 1095,
    minimum: 30,
    maximum: 36500,
    description: 'Days without a change or a purchase',
  })
  @IsIntIn(30, 36_500)
  inactiveDays!: number;
}
