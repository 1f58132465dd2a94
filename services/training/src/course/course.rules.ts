// Pure rules of courses: no I/O, every case in course.rules.spec.ts.

export const COURSE_FORMATS = ['internal', 'external', 'online', 'case-study', 'role-play'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

/** Known topics (an open list of codes, as seed 003 ch. 5 names them). */
export const KNOWN_TOPICS = [
  'product-knowledge',
  'service-etiquette',
  'communication',
  'complaint-handling',
  'law-compliance',
  'service-process',
] as const;

/** A course's assessment settings that do not fit together, or null. */
export function assessmentProblem(
  passingScore: number | null | undefined,
  maxAttempts: number | null | undefined,
): { field: string; message: string } | null {
  if (
    (passingScore === null || passingScore === undefined) &&
    maxAttempts !== null &&
    maxAttempts !== undefined
  )
    return { field: 'maxAttempts', message: 'maxAttempts needs an assessment (passingScore)' };
  return null;
}
