import { IsCode, IsText } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, ValidateIf } from 'class-validator';

const KEPT = (o: object, key: string) => (o as Record<string, unknown>)[key] !== undefined;

/** A code of the root-cause taxonomy. */
export class CreateCauseCodeDto {
  @ApiProperty({
    example: 'supplier-defect',
    description: 'Kebab code, fixed once created (complaints refer to it)',
  })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'Supplier defect' }) @IsText(120) name!: string;

  @ApiPropertyOptional({
    default: true,
    description: 'Inactive codes stay on old complaints but are refused at resolution',
  })
  @IsOptional()
  @IsBoolean()
  active: boolean = true;
}

/** Absent fields are kept. There is no delete: set active false. */
export class UpdateCauseCodeDto {
  @ApiPropertyOptional({ example: 'Supplier defects' })
  @ValidateIf((o: object) => KEPT(o, 'name'))
  @IsText(120)
  name?: string;

  @ApiPropertyOptional({ description: 'false retires the code' })
  @ValidateIf((o: object) => KEPT(o, 'active'))
  @IsBoolean()
  active?: boolean;
}
