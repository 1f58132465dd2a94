import type { CorrectiveActionStatus } from './corrective-action.entity';

/** An action is overdue while it is open after its due time (at the due second it is still on time). */
export function isOverdue(a: { status: CorrectiveActionStatus; dueAt: Date }, now: Date): boolean {
  return a.status === 'open' && now.getTime() > a.dueAt.getTime();
}

export type CorrectiveActionStep = 'complete' | 'verified-effective' | 'verified-not-effective';

/**
 * The status an action moves to, or null when the step does not apply: done once open, verified once
 * done; a verification that finds it did not work opens it again (the next PDCA round).
 */
export function nextStatus(
  from: CorrectiveActionStatus,
  step: CorrectiveActionStep,
): CorrectiveActionStatus | null {
  switch (step) {
    case 'complete':
      return from === 'open' ? 'done' : null;
    case 'verified-effective':
      return from === 'done' ? 'verified' : null;
    case 'verified-not-effective':
      return from === 'done' ? 'open' : null;
  }
}
