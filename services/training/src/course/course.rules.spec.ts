import { assessmentProblem } from './course.rules';

describe('assessmentProblem', () => {
  it('takes a course without assessment, or an assessment with or without a limit of attempts', () => {
    expect(assessmentProblem(null, null)).toBeNull();
    expect(assessmentProblem(80, null)).toBeNull();
    expect(assessmentProblem(80, 3)).toBeNull();
  });

  it('refuses a limit of attempts without an assessment', () => {
    expect(assessmentProblem(undefined, 3)).toEqual({
      field: 'maxAttempts',
      message: 'maxAttempts needs an assessment (passingScore)',
    });
  });
});
