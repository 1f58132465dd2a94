import { IsTimestamp } from '@cx/contracts';
import { IsPlainRef } from '@cx/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** POST /enrollments: an enrolment by hand. */
export class CreateEnrollmentDto {
  @ApiProperty({ example: 'E10023' })
  @IsPlainRef()
  employeeId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  courseId!: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsTimestamp()
  dueAt?: string;
}

/** POST /enrollments/{id}/attendance */
export class AttendanceDto {
  @ApiProperty({ format: 'date-time' })
  @IsTimestamp()
  attendedAt!: string;
}

/** POST /enrollments/{id}/attempts */
export class AttemptDto {
  @ApiProperty({ minimum: 0, maximum: 100, example: 85 })
  @IsInt()
  @Min(0)
  @Max(100)
  score!: number;

  @ApiProperty({ format: 'date-time' })
  @IsTimestamp()
  takenAt!: string;
}

/** POST /enrollments/{id}/completion: a course without assessment was completed. */
export class CompletionDto {
  @ApiProperty({ format: 'date-time' })
  @IsTimestamp()
  completedAt!: string;
}
