import { IsCurrency, IsMinorAmount, IsText } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { COMPENSATION_KINDS, CompensationKind } from '../compensation.entity';

export class AddCompensationDto {
  @ApiProperty({ enum: COMPENSATION_KINDS }) @IsIn(COMPENSATION_KINDS) kind!: CompensationKind;
  @ApiPropertyOptional({ example: 59900, description: 'Integer minor units (59900 = 599.00); with currency' })
  @IsOptional()
  @IsMinorAmount()
  amountMinor?: number;
  @ApiPropertyOptional({ example: 'CNY' }) @IsOptional() @IsCurrency() currency?: string;
  @ApiPropertyOptional({ example: 500, description: 'Goodwill loyalty points' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  points?: number;
  @ApiPropertyOptional({ example: 'Refund of the jacket, order SO-2026-000451' })
  @IsOptional()
  @IsText(500)
  note?: string;
}
