import { COMPLAINT_STATUSES, ComplaintStatus, PRIORITIES, Priority } from '@cx/contracts';
import { CursorPageQuery } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

const REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;

export class ListComplaintsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional() @IsOptional() @Matches(REF) storeId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(REF) ownerId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/) category?: string;
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
