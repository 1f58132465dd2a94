import { emergencyPlan, majorWhy, managementStep } from './major';

describe('managementStep', () => {
  it('is the step that names management, wherever it is in the chain', () => {
    expect(
      managementStep([
        { level: 1, to: 'owner-lead', afterMinutes: 0 },
        { level: 2, to: 'management', afterMinutes: 1440 },
        { level: 3, to: 'board', afterMinutes: 2880 },
      ]),
    ).toEqual({ level: 2, to: 'management', afterMinutes: 1440 });
  });

  it('is the top step when no step names management, and null for an empty chain', () => {
    expect(
      managementStep([
        { level: 2, to: 'regional-director', afterMinutes: 60 },
        { level: 1, to: 'owner-lead', afterMinutes: 0 },
      ])?.to,
    ).toBe('regional-director');
    expect(managementStep([])).toBeNull();
  });
});

describe('majorWhy', () => {
  it('names every reason, and says flagged major when none applies', () => {
    expect(
      majorWhy({
        categoryMajor: true,
        importance: 'critical',
        departments: ['quality', 'legal'],
        category: 'safety',
      }),
    ).toBe('category safety is major; importance is critical; 2 departments must act');
    expect(
      majorWhy({ categoryMajor: false, importance: 'low', departments: ['a', 'a'], category: 'other' }),
    ).toBe('flagged major');
  });
});

describe('emergencyPlan', () => {
  const from = new Date('2026-03-01T10:00:00Z');

  it('makes the template steps in order, each due its hours after receipt to the second', () => {
    const plan = emergencyPlan(
      [
        { title: 'Stop selling the batch', ownerId: 'E1', department: 'quality', dueAfterHours: 2 },
        { title: 'Call the customer', dueAfterHours: 0.5 },
      ],
      from,
      'agent-7',
    );
    expect(plan).toEqual([
      {
        position: 1,
        title: 'Stop selling the batch',
        ownerId: 'E1',
        department: 'quality',
        dueAt: new Date('2026-03-01T12:00:00Z'),
      },
      {
        position: 2,
        title: 'Call the customer',
        ownerId: 'agent-7',
        department: null,
        dueAt: new Date('2026-03-01T10:30:00Z'),
      },
    ]);
  });

  it('is empty for an empty template', () => {
    expect(emergencyPlan([], from, 'agent-7')).toEqual([]);
  });
});
