import { COMPLAINT_CHANNELS, ComplaintChannel } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
import { IMPORTANCES, Importance, URGENCIES, Urgency } from '../complaint.entity';

const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;

/** Who complained, when they are not (yet) a CRM customer. Personal data: encrypted at rest. */
export class ComplainantDto {
  @ApiPropertyOptional({ example: 'Li Mei' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional({ example: '+86 138 0013 8000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,32}$/, { message: 'phone must be a phone number' })
  phone?: string;
  @ApiPropertyOptional({ example: 'li.mei@example.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class AttachmentDto {
  @ApiProperty({ description: 'Where the file is stored (object key or URL of the document store)' })
  @IsString()
  @Length(1, 500)
  ref!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'image/jpeg' })
  @IsOptional()
  @Matches(/^[\w.+-]+\/[\w.+-]+$/)
  contentType?: string;
}

export class CreateComplaintDto {
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) @IsIn(COMPLAINT_CHANNELS) channel!: ComplaintChannel;

  @ApiPropertyOptional({
    description:
      'When the complaint reached us (e.g. the complaint box was emptied the next morning); default now',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  @ApiProperty({
    example: 'product-quality',
    description: 'A code of the taxonomy (GET /admin/policies/categories)',
  })
  @Matches(CODE, { message: 'category must be a taxonomy code' })
  category!: string;

  @ApiProperty({ enum: URGENCIES }) @IsIn(URGENCIES) urgency!: Urgency;
  @ApiProperty({ enum: IMPORTANCES }) @IsIn(IMPORTANCES) importance!: Importance;

  @ApiPropertyOptional({
    type: [String],
    description: 'Departments that must act; more than one makes it a joint case',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(CODE, { each: true, message: 'each department must be a code' })
  departments?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The CRM customer, when known' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ type: ComplainantDto, description: 'Name and contact, for someone not yet in CRM' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ComplainantDto)
  complainant?: ComplainantDto;

  @ApiPropertyOptional({ example: 'SH-001' }) @IsOptional() @Matches(REF) storeId?: string;
  @ApiPropertyOptional({ example: 'SO-2026-000451' }) @IsOptional() @Matches(REF) orderId?: string;
  @ApiPropertyOptional({ example: 'JKT-DOWN-BLK-M' }) @IsOptional() @Matches(REF) productSku?: string;
  @ApiPropertyOptional({ description: 'The member of staff the complaint is about' })
  @IsOptional()
  @Matches(REF)
  employeeId?: string;

  @ApiProperty({ example: 'The zip of the down jacket broke on the second day.' })
  @IsString()
  @Length(1, 5000)
  description!: string;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional({
    description:
      'Integrating systems: the member of staff who took the complaint (first-contact owner). Staff calls: the caller.',
  })
  @IsOptional()
  @Matches(REF)
  takenBy?: string;
}
