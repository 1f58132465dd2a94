import { ServiceName } from '@cx/contracts';
import { CursorPageQuery } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MEASURE_DEPARTMENTS } from '../improvement-measure.rules';

export class ListImprovementMeasuresQuery extends CursorPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The measures answering this report' })
  @IsOptional()
  @IsUUID()
  reportId?: string;

  @ApiPropertyOptional({ enum: MEASURE_DEPARTMENTS })
  @IsOptional()
  @IsIn(MEASURE_DEPARTMENTS)
  department?: ServiceName;
}
