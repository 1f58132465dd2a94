import { COMPLAINT_STATUSES, ComplaintStatus } from '@cx/contracts';
import fc from 'fast-check';
import type { PauseReason } from './complaint.entity';
import {
  canTransition,
  clockOnTransition,
  isFirstResponse,
  isOpen,
  pauseRefusal,
  resumeRefusal,
  TRANSITIONS,
} from './status';

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

describe('the solution clock across status changes, pauses and resumes', () => {
  it('lets waiting for the customer hold the pause: resume refuses, leaving the status resumes', () => {
    expect(clockOnTransition('in-progress', 'waiting-for-customer', null)).toBe('pause');
    expect(resumeRefusal('waiting-for-customer', 'waiting-for-customer')).toBe('WAITING_FOR_CUSTOMER');
    expect(clockOnTransition('waiting-for-customer', 'in-progress', 'waiting-for-customer')).toBe('resume');
    // A case left in waiting-for-customer without an open pause (before this rule) still moves on.
    expect(clockOnTransition('waiting-for-customer', 'in-progress', null)).toBe('none');
  });

  it('lets waiting for the customer take over a pause for parts', () => {
    expect(pauseRefusal('in-progress', null)).toBeNull();
    expect(clockOnTransition('in-progress', 'waiting-for-customer', 'waiting-for-parts')).toBe('take-over');
    expect(pauseRefusal('waiting-for-customer', 'waiting-for-customer')).toBe('ALREADY_PAUSED');
  });

  it('ends any pause when the case stops being open, and pauses nothing that is not open', () => {
    expect(clockOnTransition('in-progress', 'resolved', 'joint-team-decision')).toBe('end');
    expect(clockOnTransition('waiting-for-customer', 'withdrawn', 'waiting-for-customer')).toBe('end');
    expect(clockOnTransition('resolved', 'closed', null)).toBe('none');
    expect(pauseRefusal('resolved', null)).toBe('ILLEGAL_TRANSITION');
  });

  type Step =
    | { kind: 'status'; to: ComplaintStatus }
    | { kind: 'pause'; reason: Exclude<PauseReason, 'waiting-for-customer'> }
    | { kind: 'resume' };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('status' as const), to: fc.constantFrom(...COMPLAINT_STATUSES) }),
    fc.record({
      kind: fc.constant('pause' as const),
      reason: fc.constantFrom('waiting-for-parts' as const, 'joint-team-decision' as const),
    }),
    fc.record({ kind: fc.constant('resume' as const) }),
  );

  it('never gets a case stuck, whatever the calls (one pause open at most)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let status: ComplaintStatus = 'received';
        let open: PauseReason | null = null;
        for (const s of steps) {
          if (s.kind === 'status') {
            if (!canTransition(status, s.to)) continue; // the machine refuses; the clock never does
            const clock = clockOnTransition(status, s.to, open);
            if (clock !== 'pause' && clock !== 'none') expect(open).not.toBeNull();
            if (clock === 'pause') expect(open).toBeNull();
            if (clock === 'pause' || clock === 'take-over') open = 'waiting-for-customer';
            if (clock === 'resume' || clock === 'end') open = null;
            status = s.to;
          } else if (s.kind === 'pause') {
            if (pauseRefusal(status, open) === null) open = s.reason;
          } else if (resumeRefusal(status, open) === null) {
            open = null;
          }
          // The customer's pause and the status go together; a case that is not open has no pause.
          expect(status === 'waiting-for-customer').toBe(open === 'waiting-for-customer');
          if (!isOpen(status)) expect(open).toBeNull();
          // Not stuck: a pause of another reason can be resumed; the customer's ends with its status.
          if (open !== null && status !== 'waiting-for-customer')
            expect(resumeRefusal(status, open)).toBeNull();
          if (status === 'waiting-for-customer')
            expect(clockOnTransition(status, 'in-progress', open)).toBe('resume');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
