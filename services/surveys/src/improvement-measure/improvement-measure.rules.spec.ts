import { canMove, dueDateProblem, mayAnswerFor } from './improvement-measure.rules';

describe('mayAnswerFor', () => {
  it('lets a lead answer for their own department only, and an admin for any', () => {
    expect(mayAnswerFor({ roles: [], dept: 'complaints' }, 'complaints')).toBe(true);
    expect(mayAnswerFor({ roles: [], dept: 'crm' }, 'complaints')).toBe(false);
    expect(mayAnswerFor({ roles: ['lead'], dept: 'surveys' }, 'complaints')).toBe(false);
    expect(mayAnswerFor({ roles: ['admin'] }, 'complaints')).toBe(true);
    expect(mayAnswerFor({ roles: ['agent'] }, 'complaints')).toBe(false);
  });
});

describe('dueDateProblem', () => {
  // November 2026 in Shanghai ends at 2026-11-30T16:00Z.
  const to = new Date('2026-11-30T16:00:00Z');
  const SH = 'Asia/Shanghai';

  it('takes the period’s last day and up to 366 days after it', () => {
    expect(dueDateProblem('2026-11-30', to, SH)).toBeNull();
    expect(dueDateProblem('2027-12-01', to, SH)).toBeNull();
  });

  it('refuses a date before the period ended or too far ahead', () => {
    expect(dueDateProblem('2026-11-29', to, SH)).toMatch(/not be before .*2026-11-30/);
    expect(dueDateProblem('2027-12-02', to, SH)).toMatch(/within 366 days/);
  });
});

describe('canMove', () => {
  it('goes forward, may be dropped until done, and stays once done or dropped', () => {
    expect(canMove('planned', 'in-progress')).toBe(true);
    expect(canMove('in-progress', 'done')).toBe(true);
    expect(canMove('in-progress', 'planned')).toBe(false);
    expect(canMove('planned', 'dropped')).toBe(true);
    expect(canMove('done', 'dropped')).toBe(false);
    expect(canMove('dropped', 'planned')).toBe(false);
    expect(canMove('done', 'done')).toBe(true);
  });
});
