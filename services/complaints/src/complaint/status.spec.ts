import { COMPLAINT_STATUSES, ComplaintStatus } from '@cx/contracts';
import { canTransition, isFirstResponse, isOpen, TRANSITIONS } from './status';

describe('complaint status machine', () => {
  it('lists every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...COMPLAINT_STATUSES].sort());
  });

  it.each<[ComplaintStatus, ComplaintStatus]>([
    ['received', 'acknowledged'],
    ['acknowledged', 'in-progress'],
    ['in-progress', 'waiting-for-customer'],
    ['waiting-for-customer', 'in-progress'],
    ['in-progress', 'resolved'],
    ['resolved', 'closed'],
    ['resolved', 'reopened'],
    ['closed', 'reopened'],
    ['reopened', 'in-progress'],
    ['received', 'withdrawn'],
  ])('allows %s -> %s', (from, to) => expect(canTransition(from, to)).toBe(true));

  it.each<[ComplaintStatus, ComplaintStatus]>([
    ['received', 'closed'],
    ['received', 'reopened'],
    ['resolved', 'in-progress'],
    ['resolved', 'withdrawn'],
    ['closed', 'resolved'],
    ['withdrawn', 'reopened'],
    ['withdrawn', 'in-progress'],
    ['in-progress', 'acknowledged'],
    ['in-progress', 'in-progress'],
  ])('refuses %s -> %s', (from, to) => expect(canTransition(from, to)).toBe(false));

  it('withdrawn is final and closed only reopens', () => {
    expect(TRANSITIONS.withdrawn).toEqual([]);
    expect(TRANSITIONS.closed).toEqual(['reopened']);
  });

  it('knows which statuses are open and what counts as the first response', () => {
    expect(COMPLAINT_STATUSES.filter(isOpen)).toEqual([
      'received',
      'acknowledged',
      'in-progress',
      'waiting-for-customer',
      'reopened',
    ]);
    expect(isFirstResponse('received', 'acknowledged')).toBe(true);
    expect(isFirstResponse('received', 'resolved')).toBe(true);
    expect(isFirstResponse('received', 'withdrawn')).toBe(false);
    expect(isFirstResponse('acknowledged', 'in-progress')).toBe(false);
  });
});
