import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { CategoryInput, CategoryPatch } from '../../policy/policy.service';
import { CODE } from './patterns';

const KEPT = (o: object, key: string) => (o as Record<string, unknown>)[key] !== undefined;

/** A category of the complaint taxonomy. */
export class CreateCategoryDto implements CategoryInput {
  @ApiProperty({
    example: 'zip-defect',
    description: 'Kebab code, fixed once created (complaints refer to it)',
  })
  @Matches(CODE, { message: 'code must be a kebab code such as zip-defect' })
  code!: string;

  @ApiProperty({ example: 'Zip defects' })
  @IsString()
  @Length(1, 120)
  name!: string;

  @ApiPropertyOptional({
    example: 'product-quality',
    nullable: true,
    description: 'An existing category; absent or null = top level',
  })
  @IsOptional()
  @Matches(CODE, { message: 'parentCode must be a category code' })
  parentCode: string | null = null;

  @ApiPropertyOptional({
    default: false,
    description: 'Major: joint handling team and management escalation',
  })
  @IsOptional()
  @IsBoolean()
  major: boolean = false;

  @ApiPropertyOptional({
    example: 'quality',
    nullable: true,
    description: 'Department that handles it by default',
  })
  @IsOptional()
  @Matches(CODE, { message: 'department must be a kebab code' })
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
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Must exist and must not be this category or one below it',
  })
  @IsOptional()
  @Matches(CODE, { message: 'parentCode must be a category code' })
  parentCode?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((o: object) => KEPT(o, 'major'))
  @IsBoolean()
  major?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Matches(CODE, { message: 'department must be a kebab code' })
  department?: string | null;

  @ApiPropertyOptional({
    description: 'false retires the category (no delete: complaints keep referring to it)',
  })
  @ValidateIf((o: object) => KEPT(o, 'active'))
  @IsBoolean()
  active?: boolean;
}

export class CategoryView extends CreateCategoryDto {}

export class CategoryParams {
  @ApiProperty({ example: 'product-quality' })
  @Matches(CODE, { message: 'code must be a category code' })
  code!: string;
}
