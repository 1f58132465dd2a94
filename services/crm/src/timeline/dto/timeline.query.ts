import { CursorPageQuery } from '@cx/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TIMELINE_KINDS, TimelineKind } from '../timeline.rules';

export class TimelineQuery extends CursorPageQuery {
  @ApiPropertyOptional({ enum: TIMELINE_KINDS, description: 'Only entries of this kind' })
  @IsOptional()
  @IsIn(TIMELINE_KINDS)
  kind?: TimelineKind;
}
