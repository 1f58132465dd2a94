import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

export const CHANNELS = ['hotline', 'online', 'store-box', 'email', 'social'] as const;
export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;

export class ComplainantDto {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @Matches(/^\+?[0-9 ()-]{5,32}$/) phone?: string;
  @IsOptional() @IsEmail() @MaxLength(254) email?: string;
}

export class AttachmentDto {
  @IsString() @Length(1, 500) ref!: string;
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsOptional() @Matches(/^[\w.+-]+\/[\w.+-]+$/) contentType?: string;
}

/** The same body as the real endpoint, validated by the same class-validator rules. */
export class CreateComplaintDto {
  @IsIn(CHANNELS) channel!: string;
  @IsOptional() @IsISO8601({ strict: true }) receivedAt?: string;
  @Matches(CODE) category!: string;
  @IsIn(LEVELS) urgency!: (typeof LEVELS)[number];
  @IsIn(LEVELS) importance!: (typeof LEVELS)[number];
  @IsOptional() @IsArray() @ArrayMaxSize(10) @Matches(CODE, { each: true }) departments?: string[];
  @IsOptional() @IsUUID() customerId?: string;
  @IsOptional() @ValidateNested() @Type(() => ComplainantDto) complainant?: ComplainantDto;
  @IsOptional() @Matches(REF) storeId?: string;
  @IsOptional() @Matches(REF) orderId?: string;
  @IsOptional() @Matches(REF) productSku?: string;
  @IsOptional() @Matches(REF) employeeId?: string;
  @IsString() @Length(1, 5000) description!: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
  @IsOptional() @Matches(REF) takenBy?: string;
}
