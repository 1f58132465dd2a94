import { IsCode, IsText } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PlanTemplateStep } from '../../policy/policy.entity';
import { CategoryInput, CategoryPatch } from '../../policy/policy.service';

const KEPT = (o: object, key: string) => (o as Record<string, unknown>)[key] !== undefined;

/** One step of the emergency plan a major complaint of the category starts with. */
export class PlanTemplateStepDto implements PlanTemplateStep {
  @ApiProperty({ example: 'Withdraw the batch from sale' }) @IsText(300) title!: string;
  @ApiPropertyOptional({ example: 'E10023', description: "Absent: the complaint's owner" })
  @IsOptional()
  @IsPlainRef()
  ownerId?: string;
  @ApiPropertyOptional({ example: 'quality' }) @IsOptional() @IsCode() department?: string;
  @ApiProperty({
    example: 4,
    description: 'Due this many hours after the complaint was received (or became major)',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(24 * 90)
  dueAfterHours!: number;
}

const PLAN_TEMPLATE_MAX = 30;

/** A category of the complaint taxonomy. */
export class CreateCategoryDto implements CategoryInput {
  @ApiProperty({
    example: 'zip-defect',
    description: 'Kebab code, fixed once created (complaints refer to it)',
  })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'Zip defects' })
  @IsText(120)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    example: 'product-quality',
    nullable: true,
    description: 'An existing category; absent or null = top level',
  })
  @IsOptional()
  @IsCode()
  parentCode: string | null = null;

  @ApiPropertyOptional({
    default: false,
    description: 'Major: joint handling team and management escalation',
  })
  @IsOptional()
  @IsBoolean()
  major: boolean = false;

  @ApiPropertyOptional({
    type: String,
    example: 'quality',
    nullable: true,
    description: 'Department that handles it by default',
  })
  @IsOptional()
  @IsCode()
  department: string | null = null;

  @ApiPropertyOptional({
    default: true,
    description: 'Inactive categories are kept for old complaints but refused at intake',
  })
  @IsOptional()
  @IsBoolean()
  active: boolean = true;

  @ApiPropertyOptional({
    type: [PlanTemplateStepDto],
    description: 'The emergency plan a major complaint of this category starts with',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PLAN_TEMPLATE_MAX)
  @ValidateNested({ each: true })
  @Type(() => PlanTemplateStepDto)
  planTemplate: PlanTemplateStepDto[] = [];
}

/** A partial change: absent fields are kept; parentCode or department null clears them. There is no delete: set active false. */
export class UpdateCategoryDto implements CategoryPatch {
  @ApiPropertyOptional({ example: 'Zip and fastener defects' })
  @ValidateIf((o: object) => KEPT(o, 'name'))
  @IsText(120)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Must exist and must not be this category or one below it; null = top level',
  })
  @IsOptional()
  @IsCode()
  parentCode?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((o: object) => KEPT(o, 'major'))
  @IsBoolean()
  major?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsCode()
  department?: string | null;

  @ApiPropertyOptional({
    description: 'false retires the category (no delete: complaints keep referring to it)',
  })
  @ValidateIf((o: object) => KEPT(o, 'active'))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({
    type: [PlanTemplateStepDto],
    description: 'Replaces the whole template; [] clears it',
  })
  @ValidateIf((o: object) => KEPT(o, 'planTemplate'))
  @IsArray()
  @ArrayMaxSize(PLAN_TEMPLATE_MAX)
  @ValidateNested({ each: true })
  @Type(() => PlanTemplateStepDto)
  planTemplate?: PlanTemplateStepDto[];
}

export class CategoryParams {
  @ApiProperty({ example: 'product-quality' })
  @IsCode()
  code!: string;
}
