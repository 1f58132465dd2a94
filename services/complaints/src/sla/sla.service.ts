import { ComplaintChannel, Priority, Tier } from '@cx/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { PolicyService } from '../policy/policy.service';
import { BusinessCalendar, computeDeadlines, Deadlines, pickTargets } from './sla-clock';

/** What the SLA needs to know of a new complaint to set its deadlines. */
export interface SlaFacts {
  priority: Priority;
  channel: ComplaintChannel;
  tier: Tier | null;
  /** Whose calendar counts business hours (the default calendar '*' without one). */
  storeId: string | null;
  receivedAt: Date;
}

/**
 * The SLA promised to a complaint at intake, stored with it: the hours, the calendar they count in
 * (a copy; null = around the clock) and the rule they came from. Every later deadline (pause, resume,
 * reopening, the explanation) is worked out from this alone (complaint-clocks.ts).
 */
export interface SlaPromise {
  firstResponseHours: number;
  resolutionHours: number;
  calendar: BusinessCalendar | null;
  /** The rule that set them; null = the policy's defaults. */
  ruleId: string | null;
}

export interface SlaSchedule extends Deadlines {
  promise: SlaPromise;
}

/**
 * The SLA a new complaint is promised: which targets apply (the lead's rules, else the policy's
 * defaults), in which calendar, and so when the first response and the solution are due. The math is
 * in sla-clock.ts.
 */
@Injectable()
export class SlaService {
  private readonly log = new Logger('SlaService');

  constructor(private readonly policies: PolicyService) {}

  async scheduleFor(facts: SlaFacts): Promise<SlaSchedule> {
    const promise = await this.promiseFor(facts);
    const deadlines = computeDeadlines({
      receivedAt: facts.receivedAt,
      resolutionClockStartedAt: facts.receivedAt,
      targets: { ...promise, businessHours: promise.calendar !== null },
      calendar: promise.calendar,
      pauses: [],
    });
    return { ...deadlines, promise };
  }

  private async promiseFor(facts: SlaFacts): Promise<SlaPromise> {
    // Through the pool and the policy cache (usually from memory): the three reads at once.
    const [policy, rules, calendar] = await Promise.all([
      this.policies.policy(),
      this.policies.slaRules(),
      this.policies.calendarFor(facts.storeId),
    ]);
    const targets = pickTargets(rules, facts, {
      firstResponseHours: policy.defaultFirstResponseHours,
      resolutionHours: policy.defaultResolutionHours,
    });
    if (targets.businessHours && !calendar)
      this.log.warn(
        `SLA rule ${targets.ruleId} counts business hours but store ${facts.storeId ?? '-'} has no calendar and there is no default ('*'): counting around the clock`,
      );
    return {
      firstResponseHours: targets.firstResponseHours,
      resolutionHours: targets.resolutionHours,
      calendar:
        targets.businessHours && calendar
          ? { timeZone: calendar.timeZone, weekly: calendar.weekly, holidays: calendar.holidays }
          : null,
      ruleId: targets.ruleId,
    };
  }
}
