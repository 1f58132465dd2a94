import { IsRef, IsCode, OptionalField } from '@cx/contracts';
import { PeriodQuery } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SCORE_GROUPS, ScoreGroup } from '../scores.repository';

export class ScoresQuery extends PeriodQuery {
  @ApiPropertyOptional({ enum: SCORE_GROUPS, default: 'store' })
  @IsOptional()
  @IsIn(SCORE_GROUPS)
  groupBy?: ScoreGroup;

  @ApiPropertyOptional({ example: 'SH-001' }) @OptionalField() @IsRef() storeId?: string;
  @ApiPropertyOptional({ example: 'checkout' }) @OptionalField() @IsCode() touchpoint?: string;
}
