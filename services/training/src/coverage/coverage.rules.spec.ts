import { CoverageFacts, coverageFigure, coverageLine, coverageState } from './coverage.rules';

const ZONE = 'Asia/Shanghai';
// Hired 2026-08-01: due by the end of 2026-11-01 in Shanghai, i.e. before 2026-11-01T16:00:00Z.
const DUE = new Date('2026-11-01T16:00:00.000Z');
const ms = (d: Date, delta: number) => new Date(d.getTime() + delta);
const facts = (over: Partial<CoverageFacts> = {}): CoverageFacts => ({
  employeeId: 'E1',
  hireDate: '2026-08-01',
  leftAt: null,
  assignments: [
    { storeId: 'SH-001', department: 'sales', fromAt: new Date('2026-07-31T16:00:00Z'), toAt: null },
  ],
  completions: [null],
  ...over,
});

describe('coverageState', () => {
  it('is covered when completed before the deadline, late at or after it, to the millisecond', () => {
    expect(coverageState(DUE, ms(DUE, -1), DUE)).toBe('covered');
    expect(coverageState(DUE, DUE, DUE)).toBe('late');
  });

  it('is pending until the deadline and overdue from it on', () => {
    expect(coverageState(DUE, null, ms(DUE, -1))).toBe('pending');
    expect(coverageState(DUE, null, DUE)).toBe('overdue');
  });
});

describe('coverageLine', () => {
  it('hired 3 months + 1 day ago without the course: not covered, overdue', () => {
    // Now is 2026-11-02 00:00:00 in Shanghai: 3 months and 1 day after 2026-08-01.
    const line = coverageLine(facts(), ZONE, new Date('2026-11-01T16:00:00.000Z'));
    expect(line).toMatchObject({ state: 'overdue', dueAt: DUE, storeId: 'SH-001', completedAt: null });
  });

  it('one second before, still within the 3 months: pending', () => {
    expect(coverageLine(facts(), ZONE, new Date('2026-11-01T15:59:59.000Z'))?.state).toBe('pending');
  });

  it('needs every required course, and takes the last completion', () => {
    const early = new Date('2026-09-01T00:00:00Z');
    expect(coverageLine(facts({ completions: [early, null] }), ZONE, DUE)?.state).toBe('overdue');
    expect(coverageLine(facts({ completions: [early, ms(DUE, -1)] }), ZONE, DUE)).toMatchObject({
      state: 'covered',
      completedAt: ms(DUE, -1),
    });
    expect(coverageLine(facts({ completions: [early, DUE] }), ZONE, DUE)?.state).toBe('late');
  });

  it('counts the employee in the store of the deadline, not of today', () => {
    const moved = facts({
      assignments: [
        {
          storeId: 'SH-001',
          department: 'sales',
          fromAt: new Date('2026-07-31T16:00:00Z'),
          toAt: ms(DUE, 1000),
        },
        { storeId: 'SH-002', department: 'sales', fromAt: ms(DUE, 1000), toAt: null },
      ],
    });
    expect(coverageLine(moved, ZONE, new Date('2026-12-01T00:00:00Z'))?.storeId).toBe('SH-001');
  });

  it('leaves out a leaver gone before the deadline, and when nothing is required', () => {
    expect(coverageLine(facts({ leftAt: ms(DUE, -1) }), ZONE, DUE)).toBeNull();
    expect(coverageLine(facts({ leftAt: DUE }), ZONE, DUE)?.state).toBe('overdue');
    expect(coverageLine(facts({ completions: [] }), ZONE, DUE)).toBeNull();
  });
});

describe('coverageFigure', () => {
  const line = (dueAt: Date, state: 'covered' | 'overdue' | 'late' | 'pending') => ({
    employeeId: 'x',
    storeId: 'S',
    department: 'd',
    hireDate: '2026-01-01',
    dueAt,
    completedAt: null,
    state,
  });
  const from = new Date('2026-11-01T00:00:00Z');
  const to = new Date('2026-12-01T00:00:00Z');

  it('is the share covered in time among those due in the period, against the 100 % target', () => {
    const lines = [line(from, 'covered'), line(ms(from, 5), 'late'), line(ms(from, -1), 'overdue')];
    expect(coverageFigure(lines, from, to, to)).toEqual({
      due: 2,
      covered: 1,
      rate: 0.5,
      meetsTarget: false,
    });
    expect(coverageFigure([line(from, 'covered')], from, to, to)).toEqual({
      due: 1,
      covered: 1,
      rate: 1,
      meetsTarget: true,
    });
  });

  it('leaves out deadlines still to come, and answers null when nobody was due', () => {
    expect(coverageFigure([line(ms(to, -1), 'pending')], from, to, ms(to, -2))).toEqual({
      due: 0,
      covered: 0,
      rate: null,
      meetsTarget: null,
    });
  });
});
