import { COMPLAINT_STATUSES, ComplaintStatus, IsCode, PRIORITIES, Priority } from '@cx/contracts';
import { CursorPageQuery, IsPlainRef } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class ListComplaintsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional() @IsOptional() @IsPlainRef() storeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsPlainRef() ownerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsCode() category?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ description: 'Only complaints past a deadline they have not met' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ description: 'Words in the reference or description' })
  @IsOptional()
  @IsString()
  @Length(2, 200)
  q?: string;
}
