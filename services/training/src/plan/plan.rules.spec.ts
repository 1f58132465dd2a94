import { dueOnProblem, inAudience, planDueAt } from './plan.rules';

const e = { storeId: 'SH-001', department: 'sales', role: 'cashier' };

describe('inAudience', () => {
  it('takes everybody when nothing is named, and requires every named field to match', () => {
    expect(inAudience({ storeId: null, department: null, role: null }, e)).toBe(true);
    expect(inAudience({ storeId: 'SH-001', department: 'sales', role: null }, e)).toBe(true);
    expect(inAudience({ storeId: 'SH-001', department: 'service', role: null }, e)).toBe(false);
    expect(inAudience({ storeId: null, department: null, role: 'store-manager' }, e)).toBe(false);
  });
});

describe('planDueAt and dueOnProblem', () => {
  it('is due at the end of the local due date', () => {
    expect(planDueAt('2026-06-30', 'Asia/Shanghai').toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });

  it("refuses a date outside the plan's year or not a date", () => {
    expect(dueOnProblem('2026-12-31', 2026)).toBeNull();
    expect(dueOnProblem('2027-01-01', 2026)).toBe("dueOn must fall in the plan's year 2026");
    expect(dueOnProblem('2026-02-30', 2026)).toBe('dueOn must be a calendar date YYYY-MM-DD');
  });
});
