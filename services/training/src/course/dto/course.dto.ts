import { IsCode, IsText } from '@cx/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { COURSE_FORMATS, CourseFormat, KNOWN_TOPICS } from '../course.rules';

/** POST /admin/courses */
export class CreateCourseDto {
  @ApiProperty({ example: 'service-process-basics', description: 'Lower-case kebab, unique' })
  @IsCode()
  code!: string;

  @ApiProperty({ example: 'Service process basics' })
  @IsText()
  title!: string;

  @ApiProperty({ example: 'service-process', description: `A topic code, e.g. ${KNOWN_TOPICS.join(', ')}` })
  @IsCode()
  topic!: string;

  @ApiProperty({ enum: COURSE_FORMATS })
  @IsIn(COURSE_FORMATS)
  format!: CourseFormat;

  @ApiProperty({ example: 90, minimum: 1, maximum: 10_000 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  durationMinutes!: number;

  @ApiPropertyOptional({
    example: 80,
    minimum: 0,
    maximum: 100,
    description: 'The passing score of its assessment',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  passingScore?: number;

  @ApiPropertyOptional({
    example: 3,
    minimum: 1,
    maximum: 100,
    description: 'Attempts allowed (default: no limit)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxAttempts?: number;

  @ApiProperty({ example: 10, minimum: 0, maximum: 100_000, description: 'Training points on completion' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  points!: number;

  @ApiPropertyOptional({ description: 'Required of every new hire within 3 months (default false)' })
  @IsOptional()
  @IsBoolean()
  serviceProcess?: boolean;
}
