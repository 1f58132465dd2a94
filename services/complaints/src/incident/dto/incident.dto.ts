import { IsCode, IsText, LONG_TEXT_MAX, OptionalField } from '@cx/contracts';
import { CursorPageQuery, IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { INCIDENT_STATUSES, IncidentStatus } from '../incident.entity';

/** The most complaints linked in one request (more: link them one by one). */
const LINK_MAX = 200;

export class CreateIncidentDto {
  @ApiProperty({ example: 'Down jackets of batch 42: zips break' }) @IsText(200) title!: string;
  @ApiPropertyOptional({ example: 'Supplier confirmed a faulty zip batch' })
  @IsOptional()
  @IsText(LONG_TEXT_MAX)
  description?: string;
  @ApiPropertyOptional({ example: 'SH-001' }) @IsOptional() @IsPlainRef() storeId?: string;
  @ApiPropertyOptional({ example: 'JKT-DOWN-BLK-M' }) @IsOptional() @IsPlainRef() productSku?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Complaints to link at once' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LINK_MAX)
  @IsUUID('all', { each: true })
  complaintIds?: string[];
}

export class LinkComplaintDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() complaintId!: string;
}

export class ResolveIncidentDto {
  @ApiProperty({ description: 'The solution, recorded on every linked complaint' })
  @IsText(LONG_TEXT_MAX)
  summary!: string;
  @ApiProperty({ description: 'The one message every linked customer is told' })
  @IsText(LONG_TEXT_MAX)
  customerMessage!: string;
  @ApiPropertyOptional({
    example: 'product-quality',
    description: 'The root cause, recorded on every complaint resolved',
  })
  @OptionalField()
  @IsCode()
  causeCode?: string;
  @ApiPropertyOptional({ example: 'quality', description: 'The department answerable for the cause' })
  @OptionalField()
  @IsCode()
  responsibleDepartment?: string;
}

export class DismissIncidentDto {
  @ApiProperty({ example: 'Different problems, same store by chance' }) @IsText(500) reason!: string;
}

export class ListIncidentsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;
}
