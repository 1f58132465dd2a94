import { IsCode, IsText, IsTimestamp } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

// The contracts' field rules (docs/contracts.md): whatever this API accepts can go into an event.

/** POST /improvement-measures */
export class CreateImprovementMeasureDto {
  @ApiProperty({ example: 'north-region', description: 'Lower-case kebab, unique' })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'North region' })
  @IsText()
  name!: string;

  @ApiPropertyOptional({ example: 'ERP-000123', description: 'Its id in an enterprise system' })
  @IsOptional()
  @IsPlainRef()
  externalRef?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-01T10:00:00+08:00',
    description: 'From when it counts, with its zone offset; default now',
  })
  @IsOptional()
  @IsTimestamp()
  activeFrom?: string;
}
