import {
  assignmentAt,
  effectiveAtProblem,
  firstAssignmentStart,
  hireDateProblem,
  StaffRecord,
  staffChange,
  StaffUpdate,
} from './employee.rules';

const ZONE = 'Asia/Shanghai';
const now = new Date('2026-11-01T02:00:00.000Z');

const record: StaffRecord = {
  name: 'Wang Fang',
  workEmail: 'wang.fang@example.com',
  storeId: 'SH-001',
  department: 'sales',
  role: 'sales-associate',
  hireDate: '2026-03-02',
  status: 'active',
};
const update = (over: Partial<StaffUpdate> = {}): StaffUpdate => ({ ...record, leftAt: null, ...over });

describe('staffChange', () => {
  it('is unchanged when HR sends the same record (email case aside)', () => {
    expect(staffChange(record, update({ workEmail: 'Wang.Fang@Example.com' }))).toEqual({
      kind: 'unchanged',
    });
  });

  it('names the personal fields that changed', () => {
    expect(staffChange(record, update({ name: 'Wang Fang2', workEmail: null }))).toEqual({
      kind: 'updated',
      personal: ['name', 'workEmail'],
      moved: false,
      left: false,
      rejoined: false,
    });
  });

  it('sees a move in a new store, department or role', () => {
    for (const over of [{ storeId: 'SH-002' }, { department: 'service' }, { role: 'store-manager' }])
      expect(staffChange(record, update(over))).toMatchObject({ kind: 'updated', moved: true });
  });

  it('sees a leave, and a return of someone who had left', () => {
    expect(staffChange(record, update({ leftAt: now }))).toMatchObject({ left: true, rejoined: false });
    const gone = { ...record, status: 'left' as const };
    expect(staffChange(gone, update())).toMatchObject({ left: false, rejoined: true });
    expect(staffChange(gone, update({ leftAt: now }))).toEqual({ kind: 'unchanged' });
  });
});

describe('hireDateProblem', () => {
  it('takes past dates and up to a year ahead, to the local day', () => {
    expect(hireDateProblem('2020-01-31', now, ZONE)).toBeNull();
    // 2027-11-01 00:00 in Shanghai is 2027-10-31T16:00Z, exactly a year (365 days) after now + 14 h.
    expect(hireDateProblem('2027-11-01', now, ZONE)).toBeNull();
    expect(hireDateProblem('2027-11-02', now, ZONE)).toBe('hireDate is more than a year ahead');
  });

  it('refuses what is not a calendar date', () => {
    expect(hireDateProblem('2026-02-30', now, ZONE)).toBe('hireDate must be a calendar date YYYY-MM-DD');
    expect(hireDateProblem('2026-2-3', now, ZONE)).toBe('hireDate must be a calendar date YYYY-MM-DD');
  });
});

describe('effectiveAtProblem', () => {
  const from = new Date('2026-10-01T00:00:00.000Z');
  it('takes now and the past back to the start of the current assignment, to the millisecond', () => {
    expect(effectiveAtProblem(now, from, now)).toBeNull();
    expect(effectiveAtProblem(from, from, now)).toBeNull();
    expect(effectiveAtProblem(new Date(now.getTime() + 1), from, now)).toBe('is in the future');
    expect(effectiveAtProblem(new Date(from.getTime() - 1), from, now)).toBe(
      'is before the current assignment started (2026-10-01T00:00:00.000Z)',
    );
  });
});

describe('firstAssignmentStart', () => {
  it('is local midnight of the hire date, or now for a hire announced ahead', () => {
    expect(firstAssignmentStart('2026-03-02', ZONE, now).toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(firstAssignmentStart('2026-12-01', ZONE, now)).toEqual(now);
  });
});

describe('assignmentAt', () => {
  const a = {
    fromAt: new Date('2026-01-01T00:00:00Z'),
    toAt: new Date('2026-06-01T00:00:00Z'),
    storeId: 'A',
  };
  const b = { fromAt: new Date('2026-06-01T00:00:00Z'), toAt: null, storeId: 'B' };
  it('finds the store of the time: the start included, the end excluded', () => {
    expect(assignmentAt([a, b], new Date('2026-05-31T23:59:59.999Z'))?.storeId).toBe('A');
    expect(assignmentAt([a, b], new Date('2026-06-01T00:00:00.000Z'))?.storeId).toBe('B');
    expect(assignmentAt([a, b], new Date('2025-12-31T23:59:59.999Z'))).toBeNull();
  });
});
