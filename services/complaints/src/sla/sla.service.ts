import { ComplaintChannel, Priority, Tier } from '@cx/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ComplaintEntity } from '../complaint/complaint.entity';
import { PolicyService } from '../policy/policy.service';
import {
  BusinessCalendar,
  computeDeadlines,
  Deadlines,
  explainClock,
  pickTargets,
  SlaExplanation,
  SlaPause,
  SlaTargets,
} from './sla-clock';

/** What the SLA needs to know of a complaint to set its deadlines. */
export interface SlaFacts {
  priority: Priority;
  channel: ComplaintChannel;
  tier: Tier | null;
  /** Whose calendar counts business hours (the default calendar '*' without one). */
  storeId: string | null;
  receivedAt: Date;
  /** Receipt, or the last reopening. Defaults to receivedAt. */
  resolutionClockStartedAt?: Date;
  /** Every pause of the solution clock so far (an open one stops it). */
  pauses?: readonly SlaPause[];
  /**
   * Keep the hours promised at intake (stored on the complaint) instead of what the rules say today,
   * so a lead editing a rule does not move the deadlines of complaints already open.
   */
  promised?: Pick<SlaTargets, 'firstResponseHours' | 'resolutionHours'>;
}

export interface SlaSchedule extends Deadlines {
  targets: SlaTargets;
}

/** What explain() reads of a complaint. */
export type ExplainableComplaint = Pick<
  ComplaintEntity,
  | 'priority'
  | 'channel'
  | 'customerTier'
  | 'storeId'
  | 'receivedAt'
  | 'resolutionClockStartedAt'
  | 'firstRespondedAt'
  | 'resolvedAt'
  | 'firstResponseHours'
  | 'resolutionHours'
>;

export interface ExplainablePause extends SlaPause {
  reason: string;
}

/**
 * The SLA of a complaint: which targets apply (the lead's rules, else the policy's defaults), in which
 * calendar, and so when the first response and the solution are due. The complaint service calls it
 * at intake, on reopening and on pause and resume; the math is in sla-clock.ts.
 */
@Injectable()
export class SlaService {
  private readonly log = new Logger('SlaService');

  constructor(private readonly policies: PolicyService) {}

  /** Pass `em` when called inside a transaction: the policy reads then use its connection. */
  async deadlinesFor(facts: SlaFacts, em?: EntityManager): Promise<SlaSchedule> {
    const { targets, calendar } = await this.rulesFor(facts, em);
    const deadlines = computeDeadlines({
      receivedAt: facts.receivedAt,
      resolutionClockStartedAt: facts.resolutionClockStartedAt ?? facts.receivedAt,
      targets,
      calendar,
      pauses: facts.pauses ?? [],
    });
    return { ...deadlines, targets };
  }

  /** Why the deadlines are what they are, as of `now`: JSON for the lead (see explainClock). */
  async explain(
    complaint: ExplainableComplaint,
    pauses: readonly ExplainablePause[],
    now: Date,
  ): Promise<SlaExplanation> {
    const promised = {
      firstResponseHours: complaint.firstResponseHours,
      resolutionHours: complaint.resolutionHours,
    };
    const { targets, calendar } = await this.rulesFor({
      priority: complaint.priority,
      channel: complaint.channel,
      tier: complaint.customerTier,
      storeId: complaint.storeId,
      promised,
    });
    return explainClock({
      receivedAt: complaint.receivedAt,
      resolutionClockStartedAt: complaint.resolutionClockStartedAt,
      targets,
      calendar,
      pauses,
      now,
      firstRespondedAt: complaint.firstRespondedAt,
      resolvedAt: complaint.resolvedAt,
    });
  }

  private async rulesFor(
    facts: Pick<SlaFacts, 'priority' | 'channel' | 'tier' | 'storeId' | 'promised'>,
    em?: EntityManager,
  ): Promise<{ targets: SlaTargets; calendar: BusinessCalendar | null }> {
    // Through the pool (cached, usually from memory): the three reads at once. Inside a transaction: one
    // after another, since a connection runs one query at a time (pg 9 will refuse overlapping ones).
    const [policy, rules, calendar] = em
      ? [
          await this.policies.policy(em),
          await this.policies.slaRules(em),
          await this.policies.calendarFor(facts.storeId, em),
        ]
      : await Promise.all([
          this.policies.policy(),
          this.policies.slaRules(),
          this.policies.calendarFor(facts.storeId),
        ]);
    const picked = pickTargets(rules, facts, {
      firstResponseHours: policy.defaultFirstResponseHours,
      resolutionHours: policy.defaultResolutionHours,
    });
    const targets = { ...picked, ...facts.promised };
    if (targets.businessHours && !calendar)
      this.log.warn(
        `SLA rule ${targets.ruleId} counts business hours but store ${facts.storeId ?? '-'} has no calendar and there is no default ('*'): counting around the clock`,
      );
    return { targets: { ...targets, businessHours: targets.businessHours && calendar !== null }, calendar };
  }
}
