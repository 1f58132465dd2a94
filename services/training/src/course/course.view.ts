import { ApiProperty } from '@nestjs/swagger';
import { CourseEntity } from './course.entity';
import { COURSE_FORMATS, CourseFormat } from './course.rules';

export class CourseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'service-process-basics' }) code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'service-process' }) topic!: string;
  @ApiProperty({ enum: COURSE_FORMATS }) format!: CourseFormat;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ type: Number, nullable: true }) passingScore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxAttempts!: number | null;
  @ApiProperty() points!: number;
  @ApiProperty() serviceProcess!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export function toCourseView(c: CourseEntity): CourseView {
  return {
    id: c.id,
    code: c.code,
    title: c.title,
    topic: c.topic,
    format: c.format,
    durationMinutes: c.durationMinutes,
    passingScore: c.passingScore,
    maxAttempts: c.maxAttempts,
    points: c.points,
    serviceProcess: c.serviceProcess,
    active: c.active,
    createdAt: c.createdAt.toISOString(),
  };
}
