import { IsCode, IsText, IsTimestamp, LONG_TEXT_MAX } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class AddPlanStepDto {
  @ApiProperty({ example: 'Ask the supplier for batch 42 test results' }) @IsText(300) title!: string;
  @ApiProperty({ example: 'E10023' }) @IsPlainRef() ownerId!: string;
  @ApiPropertyOptional({ example: 'quality' }) @IsOptional() @IsCode() department?: string;
  @ApiProperty({ example: '2026-03-04T18:00:00+08:00', description: 'A date-time with its zone offset' })
  @IsTimestamp()
  dueAt!: string;
}

export class UpdatePlanStepDto {
  @ApiProperty() @IsBoolean() done!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsText(LONG_TEXT_MAX) outcome?: string;
}
