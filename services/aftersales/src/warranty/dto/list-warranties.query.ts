import { CursorPageQuery, IsPlainRef } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** One of the three is required: warranties are looked up, not browsed. */
export class ListWarrantiesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ example: 'SN-7F3K2Q9' }) @IsOptional() @IsPlainRef() serialNumber?: string;
  @ApiPropertyOptional({ example: 'SO-2026-000123' }) @IsOptional() @IsPlainRef() orderId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() customerId?: string;
}
