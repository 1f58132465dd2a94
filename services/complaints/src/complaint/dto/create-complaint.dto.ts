import {
  COMPLAINT_CHANNELS,
  ComplaintChannel,
  IsCode,
  IsCodeList,
  IsNested,
  IsText,
  IsTimestamp,
} from '@cx/contracts';
import { IsEmailAddress, IsPhone, IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IMPORTANCES, Importance, URGENCIES, Urgency } from '../complaint.entity';

// Fields that reach an event use the contracts' rules (docs/contracts.md), so an intake the API
// accepts can always be published.

/** Who complained, when they are not (yet) a CRM customer. Personal data: encrypted at rest. */
export class ComplainantDto {
  @ApiPropertyOptional({ example: 'Li Mei' }) @IsOptional() @IsText(200) name?: string;
  @ApiPropertyOptional({ example: '+86 138 0013 8000' })
  @IsOptional()
  @IsPhone()
  phone?: string;
  @ApiPropertyOptional({ example: 'li.mei@example.com' })
  @IsOptional()
  @IsEmailAddress()
  email?: string;
}

export class AttachmentDto {
  @ApiProperty({ description: 'Where the file is stored (object key or URL of the document store)' })
  @IsText(500)
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
      'When the complaint reached us (e.g. the complaint box was emptied the next morning), with its zone offset; default now',
    example: '2026-11-01T10:00:00+08:00',
  })
  @IsOptional()
  @IsTimestamp()
  receivedAt?: string;

  @ApiProperty({
    example: 'product-quality',
    description: 'A code of the taxonomy (GET /admin/policies/categories)',
  })
  @IsCode()
  category!: string;

  @ApiProperty({ enum: URGENCIES }) @IsIn(URGENCIES) urgency!: Urgency;
  @ApiProperty({ enum: IMPORTANCES }) @IsIn(IMPORTANCES) importance!: Importance;

  @ApiPropertyOptional({
    type: [String],
    description: 'Departments that must act; more than one makes it a joint case',
  })
  @IsOptional()
  @IsCodeList(10)
  departments?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'The CRM customer, when known' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ type: ComplainantDto, description: 'Name and contact, for someone not yet in CRM' })
  @IsOptional()
  @IsNested(() => ComplainantDto)
  complainant?: ComplainantDto;

  @ApiPropertyOptional({ example: 'SH-001' }) @IsOptional() @IsPlainRef() storeId?: string;
  @ApiPropertyOptional({ example: 'SO-2026-000451' }) @IsOptional() @IsPlainRef() orderId?: string;
  @ApiPropertyOptional({ example: 'JKT-DOWN-BLK-M' }) @IsOptional() @IsPlainRef() productSku?: string;
  @ApiPropertyOptional({ description: 'The member of staff the complaint is about' })
  @IsOptional()
  @IsPlainRef()
  employeeId?: string;

  @ApiProperty({ example: 'The zip of the down jacket broke on the second day.' })
  @IsText(5000)
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
  @IsPlainRef()
  takenBy?: string;
}
