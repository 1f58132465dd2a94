import { IsCode, IsText } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PLAN_KINDS, PlanKind } from '../plan.rules';

export class PlanCourseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId!: string;

  @ApiProperty({ example: '2026-06-30', description: "Due by the end of this date (the store's zone)" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueOn must be a calendar date YYYY-MM-DD' })
  dueOn!: string;
}

/** POST /admin/plans */
export class CreatePlanDto {
  @ApiProperty({ example: 'sales-2026' })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 'Sales floor 2026' })
  @IsText()
  title!: string;

  @ApiProperty({ enum: PLAN_KINDS })
  @IsIn(PLAN_KINDS)
  kind!: PlanKind;

  @ApiPropertyOptional({ example: 'SH-001', description: 'Only this store (default: every store)' })
  @IsOptional()
  @IsPlainRef()
  storeId?: string;

  @ApiPropertyOptional({ example: 'sales' })
  @IsOptional()
  @IsCode()
  department?: string;

  @ApiPropertyOptional({ example: 'cashier' })
  @IsOptional()
  @IsCode()
  role?: string;

  @ApiProperty({ type: [PlanCourseDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlanCourseDto)
  courses!: PlanCourseDto[];
}
