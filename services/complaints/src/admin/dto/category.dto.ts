import { IsCode, IsText } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, ValidateIf } from 'class-validator';
import { CategoryInput, CategoryPatch } from '../../policy/policy.service';

const KEPT = (o: object, key: string) => (o as Record<string, unknown>)[key] !== undefined;

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
}

export class CategoryParams {
  @ApiProperty({ example: 'product-quality' })
  @IsCode()
  code!: string;
}
