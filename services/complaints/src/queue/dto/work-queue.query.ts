import {
  COMPLAINT_CHANNELS,
  ComplaintChannel,
  IsCode,
  IsTimestamp,
  PRIORITIES,
  Priority,
} from '@cx/contracts';
import { CursorPageQuery, IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { WORK_QUEUES, WorkQueue } from '../queues';

/** Filters every queue (and the counts) takes. */
export class QueueFilters extends CursorPageQuery {
  @ApiPropertyOptional({
    example: 'quality',
    description:
      "The department: whose queue (required for queue=department); for the other queues, the complaints' department",
  })
  @IsOptional()
  @IsCode()
  department?: string;
  @ApiPropertyOptional({ example: 'SH-001' }) @IsOptional() @IsPlainRef() storeId?: string;
  @ApiPropertyOptional({ example: 'product-quality' }) @IsOptional() @IsCode() category?: string;
  @ApiPropertyOptional({ enum: PRIORITIES }) @IsOptional() @IsIn(PRIORITIES) priority?: Priority;
  @ApiPropertyOptional({ enum: COMPLAINT_CHANNELS })
  @IsOptional()
  @IsIn(COMPLAINT_CHANNELS)
  channel?: ComplaintChannel;
  @ApiPropertyOptional({ description: 'Received at or after (date-time with zone)' })
  @IsOptional()
  @IsTimestamp()
  receivedFrom?: string;
  @ApiPropertyOptional({ description: 'Received before (date-time with zone)' })
  @IsOptional()
  @IsTimestamp()
  receivedTo?: string;
}

export class WorkQueueQuery extends QueueFilters {
  @ApiProperty({ enum: WORK_QUEUES }) @IsIn(WORK_QUEUES) queue!: WorkQueue;
}
