import { Clock, Principal, RequestValidationError, Transactions } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StoreService } from '../store/store.service';
import { ScorecardPolicyDto, StaffSatisfactionDto } from './dto/scorecard.dto';
import { buildScorecards } from './scorecard.cards';
import { ScorecardError } from './scorecard.errors';
import { CardRow, ScorecardRepository, Scope } from './scorecard.repository';
import { monthSpan, starEmployees } from './scorecard.rules';
import {
  AwardView,
  MonthView,
  ScorecardPolicyView,
  ScorecardView,
  toMonthView,
  toScorecardView,
} from './scorecard.view';

/** Monthly scorecards: recomputed from their facts while the month is open, frozen once it is closed. */
@Injectable()
export class ScorecardService {
  constructor(
    private readonly tx: Transactions,
    private readonly scorecards: ScorecardRepository,
    private readonly clock: Clock,
    private readonly stores: StoreService,
  ) {}

  /**
   * Recomputes an open month (the month's row locked, so facts being written wait for it and it for
   * them). False when the month is closed, or another replica holds it and `skipLocked`.
   */
  async recompute(month: string, skipLocked = false): Promise<boolean> {
    return this.tx.run(async (em) => {
      const m = await this.scorecards.lockMonth(em, month, skipLocked);
      if (!m || m.status === 'closed') return false;
      await this.computeInto(em, month);
      return true;
    });
  }

  /** Recompute on the lead's request: 409 for a closed month. */
  async recomputeNow(month: string): Promise<MonthView> {
    if (!(await this.recompute(month))) throw closed(month);
    return this.month(month);
  }

  /**
   * Closes a month that is over in every store's zone (the last zone to leave it decides): its scorecards are computed a last time, the star employees awarded,
   * and later events no longer change them.
   */
  async close(month: string, actor: Principal): Promise<MonthView> {
    const now = this.clock.now();
    const ends = (await this.stores.zonesInUse()).map((zone) => monthSpan(month, zone).to.getTime());
    if (Math.max(...ends) > now.getTime())
      throw new ScorecardError('MONTH_NOT_OVER', `${month} is not over yet`, { month });
    await this.tx.run(async (em) => {
      const m = await this.scorecards.lockMonth(em, month);
      if (m?.status === 'closed') throw closed(month);
      const cards = await this.computeInto(em, month);
      const policy = await this.scorecards.policy(em);
      const stars = starEmployees(
        cards.filter((c) => c.scope === 'employee'),
        policy.starCount,
      );
      await this.scorecards.insertAwards(
        em,
        month,
        stars.map(({ card, rank }) => ({
          employeeId: card.subjectId,
          storeId: card.storeId,
          rank,
          score: card.score!,
        })),
        now,
      );
      await this.scorecards.close(em, month, now, actor.sub);
    });
    return this.month(month);
  }

  async month(month: string): Promise<MonthView> {
    const m = await this.scorecards.findMonth(month);
    if (m) return toMonthView(m);
    return {
      month,
      status: 'open',
      stale: false,
      lateFacts: 0,
      recomputedAt: null,
      closedAt: null,
      closedBy: null,
    };
  }

  async cards(month: string, scope: Scope, storeId?: string): Promise<ScorecardView[]> {
    return (await this.scorecards.cards(month, scope, storeId)).map(toScorecardView);
  }

  async awards(from: string, to: string): Promise<AwardView[]> {
    if (to < from) throw RequestValidationError.field('to', 'to must not be before from');
    return this.scorecards.awards(from, to);
  }

  async policy(): Promise<ScorecardPolicyView> {
    const p = await this.scorecards.policy();
    return { ...p, updatedAt: p.updatedAt?.toISOString() ?? null };
  }

  async setPolicy(dto: ScorecardPolicyDto, actor: Principal): Promise<ScorecardPolicyView> {
    const policy = {
      weights: { ...dto.weights, sales: dto.weights.sales ?? 0 },
      minSamples: { ...dto.minSamples, sales: dto.minSamples.sales ?? 1 },
      starCount: dto.starCount,
    };
    if (Object.values(policy.weights).every((w) => w === 0))
      throw RequestValidationError.field('weights', 'at least one weight must be above 0');
    await this.tx.run((em) => this.scorecards.savePolicy(em, policy, this.clock.now(), actor.sub));
    return this.policy();
  }

  /** The staff survey's satisfaction of a store for the month (seed 001: >= 85 %); 409 once the month is closed. */
  async setStaffSatisfaction(month: string, dto: StaffSatisfactionDto, actor: Principal): Promise<MonthView> {
    const m = await this.scorecards.findMonth(month);
    if (m?.status === 'closed') throw closed(month);
    await this.scorecards.saveStaffSatisfaction(
      month,
      dto.storeId,
      dto.satisfiedPct,
      dto.respondents,
      this.clock.now(),
      actor.sub,
    );
    await this.recompute(month);
    return this.month(month);
  }

  private async computeInto(em: EntityManager, month: string): Promise<CardRow[]> {
    const seq = await this.scorecards.maxSeq(em, month);
    const policy = await this.scorecards.policy(em);
    const cards = buildScorecards(
      month,
      await this.scorecards.aggregate(em, month),
      policy,
      await this.scorecards.staffSatisfaction(em, month),
    );
    await this.scorecards.replaceCards(em, month, cards);
    await this.scorecards.markRecomputed(em, month, seq, this.clock.now());
    return cards;
  }
}

function closed(month: string): ScorecardError {
  return new ScorecardError('MONTH_CLOSED', `${month} is closed: its scorecards are frozen`, { month });
}
