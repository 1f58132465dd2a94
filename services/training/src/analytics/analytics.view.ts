import { ApiProperty } from '@nestjs/swagger';

export class MonthFiguresView {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty() enrolled!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ description: 'Closed with no attempts left' }) failed!: number;
  @ApiProperty() attempts!: number;
  @ApiProperty() passed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'completed / (completed + failed), %' })
  completionRatePct!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'passed / attempts, %' }) passRatePct!:
    number | null;
}

export class TrainingAnalyticsView {
  @ApiProperty() year!: number;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ type: [MonthFiguresView] }) months!: MonthFiguresView[];
}
