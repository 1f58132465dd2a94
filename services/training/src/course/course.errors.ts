import { DomainError } from '@cx/platform';

export type CourseErrorCode = 'COURSE_NOT_FOUND' | 'COURSE_CODE_TAKEN';

/** Every code has its HTTP status here; the compiler refuses a code without one (docs/api.md, Errors). */
const STATUS: Record<CourseErrorCode, number> = {
  COURSE_NOT_FOUND: 404,
  COURSE_CODE_TAKEN: 409,
};

export class CourseError extends DomainError<CourseErrorCode> {
  constructor(code: CourseErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, STATUS[code], message, details);
  }

  static notFound(id: string, field?: string): CourseError {
    return new CourseError('COURSE_NOT_FOUND', `course ${id} does not exist`, { courseId: id, field });
  }

  static codeTaken(code: string): CourseError {
    return new CourseError('COURSE_CODE_TAKEN', `a course with code ${code} exists already`, {
      field: 'code',
    });
  }
}
