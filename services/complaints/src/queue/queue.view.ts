import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** How many open complaints each queue holds, with the same filters. */
export class QueueCountsView {
  @ApiProperty({ description: "The caller's own open complaints" }) mine!: number;
  @ApiPropertyOptional({ description: "Waiting in the department's queue (when a department is given)" })
  department?: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() escalated!: number;
  @ApiProperty() waiting!: number;
}
