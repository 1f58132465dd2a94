import { Tier } from '@cx/contracts';
import { Clock, DAY_MS, EventPublisher, EventToPublish, writeTogether } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CustomerTierEntity, LoyaltySettingsEntity, TierPolicyEntity } from './loyalty.entity';
import { tierAtRisk, tierChanged } from './loyalty.events';
import { LoyaltyRepository } from './loyalty.repository';
import { TierView, toTierView } from './loyalty.view';
import {
  review,
  shortfall,
  tierAfterMerge,
  TierThreshold,
  upgradeOnPurchase,
  windowStart,
} from './tier.rules';

export const toThresholds = (policies: TierPolicyEntity[]): TierThreshold[] =>
  policies.map((p) => ({
    tier: p.tier,
    rank: p.rank,
    minSpendMinor: Number(p.minSpendMinor),
    minPurchases: p.minPurchases,
  }));

export interface ReviewCounts {
  reviewed: number;
  noticed: number;
  downgraded: number;
}

/** Tiers: up as soon as a purchase qualifies, down only at a review after the grace period. */
@Injectable()
export class TierService {
  constructor(
    private readonly repo: LoyaltyRepository,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async get(customerId: string): Promise<TierView> {
    const [held, policies] = await Promise.all([this.repo.tierOf(customerId), this.repo.tierPolicies()]);
    const tier: Tier = held?.tier ?? 'standard';
    const policy = policies.find((p) => p.tier === tier) ?? policies[0];
    const stats = await this.repo.statsOf(customerId, windowStart(this.clock.now()));
    return toTierView(customerId, held, policy, stats);
  }

  /**
   * In the purchases' transaction: customers whose new purchases qualify them for a higher tier move up
   * now. `known` saves the reads the caller (recordPurchases) has already made in this transaction.
   */
  async upgradeAfterPurchases(
    em: EntityManager,
    customerIds: string[],
    now: Date,
    known?: {
      policies: TierPolicyEntity[];
      settings: LoyaltySettingsEntity;
      held: Map<string, CustomerTierEntity>;
    },
  ): Promise<void> {
    if (customerIds.length === 0) return;
    const thresholds = toThresholds(known?.policies ?? (await this.repo.tierPolicies(em)));
    const settings = known?.settings ?? (await this.repo.settings(em));
    const held = known?.held ?? (await this.repo.tiersOf(em, customerIds));
    // A customer who holds the highest tier cannot move up: their 12 months of purchases are not read
    // (the statistics aggregate every purchase in the window, the largest read of a bulk batch).
    const top = thresholds.reduce<TierThreshold | undefined>(
      (a, t) => (!a || t.rank > a.rank ? t : a),
      undefined,
    );
    const candidates = top ? customerIds.filter((id) => held.get(id)?.tier !== top.tier) : customerIds;
    if (candidates.length === 0) return;
    const stats = await this.repo.stats(em, candidates, windowStart(now));
    const rows: CustomerTierEntity[] = [];
    const events: EventToPublish[] = [];
    for (const customerId of candidates) {
      const current = held.get(customerId);
      const to = upgradeOnPurchase(
        current?.tier ?? 'standard',
        stats.get(customerId) ?? { spendMinor: 0, purchases: 0 },
        thresholds,
      );
      if (!to) continue;
      rows.push({
        customerId,
        tier: to,
        since: now,
        atRiskSince: null,
        downgradeTo: null,
        nextReviewAt: new Date(now.getTime() + settings.tierReviewDays * DAY_MS),
        updatedAt: now,
      });
      events.push(tierChanged(customerId, current?.tier ?? null, to, 'purchase', now));
    }
    // The tiers, their events and the notifications those ask for in one statement (ADR 28).
    await writeTogether(em, async (w) => {
      await this.repo.upsertTiers(w, rows);
      await this.events.publishAll(w, events);
    });
  }

  /**
   * In the merge's transaction, after the merged record's purchases moved to the survivor: the survivor
   * holds the higher of both tiers, or the one the combined 12-month spend and purchases qualify for
   * (tier-changed with reason `merge` when that changes its tier). The merged record holds none any more.
   */
  async afterMerge(em: EntityManager, mergedId: string, survivorId: string, now: Date): Promise<void> {
    const held = await this.repo.lockTiers(em, [mergedId, survivorId]);
    const thresholds = toThresholds(await this.repo.tierPolicies(em));
    const stats = await this.repo.stats(em, [survivorId], windowStart(now));
    const mine = held.get(survivorId);
    const theirs = held.get(mergedId);
    const decision = tierAfterMerge(
      mine?.tier ?? 'standard',
      theirs?.tier ?? 'standard',
      stats.get(survivorId) ?? { spendMinor: 0, purchases: 0 },
      thresholds,
    );
    if (theirs) await this.repo.deleteTier(em, mergedId);
    if (decision.from === 'survivor') return;
    // The merged record's tier comes with its review dates and any notice; a newly qualified one starts now.
    const row: CustomerTierEntity =
      decision.from === 'merged' && theirs
        ? { ...theirs, customerId: survivorId, updatedAt: now }
        : {
            customerId: survivorId,
            tier: decision.tier,
            since: now,
            atRiskSince: null,
            downgradeTo: null,
            nextReviewAt: new Date(now.getTime() + (await this.repo.settings(em)).tierReviewDays * DAY_MS),
            updatedAt: now,
          };
    await this.repo.upsertTiers(em, [row]);
    await this.events.publish(em, tierChanged(survivorId, mine?.tier ?? null, decision.tier, 'merge', now));
  }

  /** One batch of the periodic review (tiers claimed SKIP LOCKED in `em`'s transaction). */
  async reviewBatch(em: EntityManager, now: Date, limit: number): Promise<ReviewCounts> {
    const claimed = await this.repo.claimReviews(em, now, limit);
    const counts: ReviewCounts = { reviewed: claimed.length, noticed: 0, downgraded: 0 };
    if (claimed.length === 0) return counts;
    const thresholds = toThresholds(await this.repo.tierPolicies(em));
    const settings = await this.repo.settings(em);
    const ids = claimed.map((c) => c.customerId);
    const statsNow = await this.repo.stats(em, ids, windowStart(now));
    const downgradeAt = new Date(now.getTime() + settings.tierGraceDays * DAY_MS);
    // What will still count on the downgrade date: the notice says what is missing then.
    const statsThen = await this.repo.stats(em, ids, windowStart(downgradeAt));
    const nextReview = new Date(now.getTime() + settings.tierReviewDays * DAY_MS);
    const rows: CustomerTierEntity[] = [];
    const events: EventToPublish[] = [];
    for (const held of claimed) {
      const stats = statsNow.get(held.customerId) ?? { spendMinor: 0, purchases: 0 };
      const decision = review(held, stats, thresholds, now, settings.tierGraceDays);
      switch (decision.action) {
        case 'keep':
          rows.push({
            ...held,
            atRiskSince: null,
            downgradeTo: null,
            nextReviewAt: nextReview,
            updatedAt: now,
          });
          break;
        case 'notice': {
          counts.noticed += 1;
          const missing = shortfall(
            held.tier,
            statsThen.get(held.customerId) ?? { spendMinor: 0, purchases: 0 },
            thresholds,
          );
          rows.push({
            ...held,
            atRiskSince: now,
            downgradeTo: decision.downgradeTo,
            nextReviewAt: decision.downgradeAt,
            updatedAt: now,
          });
          events.push(
            tierAtRisk(held.customerId, held.tier, decision.downgradeTo, decision.downgradeAt, missing, now),
          );
          break;
        }
        case 'wait':
          rows.push({ ...held, nextReviewAt: decision.downgradeAt, updatedAt: now });
          break;
        case 'downgrade':
          counts.downgraded += 1;
          rows.push({
            customerId: held.customerId,
            tier: decision.to,
            since: now,
            atRiskSince: null,
            downgradeTo: null,
            nextReviewAt: nextReview,
            updatedAt: now,
          });
          events.push(tierChanged(held.customerId, held.tier, decision.to, 'periodic-review', now));
          break;
      }
    }
    await this.repo.upsertTiers(em, rows);
    await this.events.publishAll(em, events);
    return counts;
  }
}
