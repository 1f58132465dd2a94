import { uuidv7 } from '@cx/contracts';
import { Clock, TrailingRead, writeTogether } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BonusCampaign, hasSpecialWindow, pointsForPurchase, releaseAt } from './earning.rules';
import { LoyaltyPolicyCache } from './loyalty.cache';
import {
  CustomerTierEntity,
  LoyaltyPurchaseEntity,
  PointsEntryEntity,
  PointsLotEntity,
} from './loyalty.entity';
import { mergeIn, mergeOut, reverse } from './ledger.rules';
import { BalanceDelta, LockedBalance, LoyaltyRepository } from './loyalty.repository';
import { PointsLedger, toLot } from './points.ledger';
import { TierService } from './tier.service';

/** A purchase as loyalty needs it (the purchases module hands these in, inside its transaction). */
export interface PurchaseForLoyalty {
  purchaseId: string;
  customerId: string;
  storeId: string;
  orderId: string;
  paidAmountMinor: number;
  currency: string;
  purchasedAt: Date;
  deliveredAt: Date | null;
  lines: { category: string; quantity: number; unitPriceMinor: number }[];
}

/** A refund of (part of) a purchase. */
export interface RefundForLoyalty {
  purchaseId: string;
  customerId: string;
  returnId: string;
  amountMinor: number;
  refundedAt: Date;
}

/** Points reversed so far by refunds of `refundedMinor` out of `paidMinor` (cumulative, so partial refunds add up exactly). */
export const reversedFor = (points: number, refundedMinor: number, paidMinor: number): number =>
  paidMinor <= 0
    ? points
    : Math.min(points, Math.floor((points * Math.min(refundedMinor, paidMinor)) / paidMinor));

const SYSTEM = 'system';

/** What purchases tell loyalty, in the purchases' own transactions (docs/crm/loyalty.md). */
@Injectable()
export class LoyaltyService {
  constructor(
    private readonly repo: LoyaltyRepository,
    private readonly ledger: PointsLedger,
    private readonly tiers: TierService,
    private readonly clock: Clock,
    private readonly cache: LoyaltyPolicyCache,
  ) {}

  /**
   * The settings, tier policies and campaigns a lead edits, read once until one of them changes (ADR 9).
   * A miss reads through the caller's transaction: a second pooled connection per request would
   * deadlock the pool under load (every connection held by a transaction waiting for one more).
   */
  private async policies(em: EntityManager) {
    // One after the other: one connection runs one query at a time.
    const settings = await this.cache.get('settings', () => this.repo.settings(em));
    const tierPolicies = await this.cache.get('tier-policies', () => this.repo.tierPolicies(em));
    const campaigns = await this.cache.get('campaigns', async () =>
      (await this.repo.campaigns(em)).map((c) => ({ ...c, multiplier: Number(c.multiplier) })),
    );
    return { settings, tierPolicies, campaigns };
  }

  /**
   * The read of the tiers recordPurchases needs for these purchases' customers, for the caller to send
   * with a write of its own (one round trip fewer) and hand the rows in.
   */
  heldTiersRead(purchases: { customerId: string }[]): TrailingRead {
    return this.repo.tiersRead([...new Set(purchases.map((p) => p.customerId))]);
  }

  /**
   * Earns (pending) points and re-evaluates the tier (upgrade only) for purchases just inserted in `em`'s
   * transaction. `heldTiers`: the rows of heldTiersRead, read in this transaction (else read here).
   */
  async recordPurchases(
    em: EntityManager,
    purchases: PurchaseForLoyalty[],
    heldTiers?: CustomerTierEntity[],
  ): Promise<void> {
    if (purchases.length === 0) return;
    const now = this.clock.now();
    const { settings, tierPolicies: policies, campaigns: allCampaigns } = await this.policies(em);
    const times = purchases.map((p) => p.purchasedAt.getTime());
    const [from, to] = [Math.min(...times), Math.max(...times)];
    // Campaigns running at some time in [from, to].
    const campaigns: BonusCampaign[] = allCampaigns.filter(
      (c) => c.endsAt.getTime() > from && c.startsAt.getTime() <= to,
    );
    const tiers = heldTiers
      ? this.repo.tiersFrom(heldTiers)
      : await this.repo.tiersOf(em, [...new Set(purchases.map((p) => p.customerId))]);
    const multiplier = new Map(policies.map((p) => [p.tier, Number(p.pointsMultiplier)]));
    const policy = { pointsPerUnit: Number(settings.pointsPerUnit), minorPerUnit: settings.minorPerUnit };

    const rows: LoyaltyPurchaseEntity[] = [];
    const lots: PointsLotEntity[] = [];
    const entries: PointsEntryEntity[] = [];
    const deltas: BalanceDelta[] = [];
    for (const p of purchases) {
      const special = hasSpecialWindow(
        p.lines.map((l) => l.category),
        settings,
      );
      rows.push({
        purchaseId: p.purchaseId,
        customerId: p.customerId,
        orderId: p.orderId,
        paidAmountMinor: String(p.paidAmountMinor),
        refundedMinor: '0',
        purchasedAt: p.purchasedAt,
        deliveredAt: p.deliveredAt,
        specialWindow: special,
        recordedAt: now,
      });
      const tier = tiers.get(p.customerId)?.tier ?? 'standard';
      const points = pointsForPurchase(p, policy, multiplier.get(tier) ?? 1, campaigns);
      if (points === 0) continue;
      const lotId = uuidv7();
      lots.push({
        id: lotId,
        customerId: p.customerId,
        purchaseId: p.purchaseId,
        source: 'purchase',
        points,
        reversed: 0,
        remaining: 0,
        expired: 0,
        status: 'pending',
        releaseAt: releaseAt(p.deliveredAt, special, settings),
        releasedAt: null,
        expiresAt: null,
        remindedAt: null,
        createdAt: now,
      });
      entries.push({
        id: uuidv7(),
        customerId: p.customerId,
        at: now,
        kind: 'earn',
        pendingDelta: points,
        availableDelta: 0,
        debtDelta: 0,
        lotId,
        purchaseId: p.purchaseId,
        reference: p.orderId,
        reason: null,
        actorId: SYSTEM,
      });
      deltas.push({ customerId: p.customerId, available: 0, pending: points, debt: 0 });
    }
    // The ledger's new rows and the balances they add to in one statement (ADR 28, 45): a purchase only
    // adds points, so the balances are one upsert (an INSERT) that locks them in customer order; the
    // tiers after it.
    await writeTogether(em, async (w) => {
      await this.repo.insertPurchases(w, rows);
      await this.repo.insertLots(w, lots);
      await this.repo.insertEntries(w, entries);
      await this.repo.addToBalances(w, deltas, now);
    });
    await this.tiers.upgradeAfterPurchases(em, [...new Set(purchases.map((p) => p.customerId))], now, {
      policies,
      settings,
      held: tiers,
    });
  }

  /** Sign-off arrived later: the pending points' release date moves with the return window. */
  async recordDelivery(em: EntityManager, purchaseId: string, deliveredAt: Date): Promise<void> {
    const purchase = await this.repo.lockPurchase(em, purchaseId);
    if (!purchase) return;
    const settings = await this.repo.settings(em);
    const due = releaseAt(deliveredAt, purchase.specialWindow, settings) ?? deliveredAt;
    await this.repo.setDelivered(em, purchaseId, deliveredAt, due);
  }

  /** A refund: reverses what the refunded amount earned (debt if already spent); the tier is NOT lowered here (only at review). */
  async recordRefund(em: EntityManager, refund: RefundForLoyalty): Promise<void> {
    const purchase = await this.repo.lockPurchase(em, refund.purchaseId);
    if (!purchase) return;
    const now = this.clock.now();
    // The balance first, then the lots: the order every change of points takes.
    const balance = await this.repo.lockBalance(em, purchase.customerId, now);
    const refunded = Number(purchase.refundedMinor) + refund.amountMinor;
    await this.repo.addRefunded(em, refund.purchaseId, refund.amountMinor);
    const lot = await this.repo.lockPurchaseLot(em, refund.purchaseId);
    if (!lot) return;
    const count = reversedFor(lot.points, refunded, Number(purchase.paidAmountMinor)) - lot.reversed;
    if (count <= 0) return;
    const others = lot.status === 'pending' ? [] : await this.repo.lockAvailableLots(em, purchase.customerId);
    const change = reverse(balance, toLot(lot), count, others.map(toLot));
    await this.ledger.write(em, purchase.customerId, [
      {
        change,
        known: [lot, ...others],
        ctx: { at: now, actorId: SYSTEM, purchaseId: refund.purchaseId, reference: refund.returnId },
      },
    ]);
  }

  /**
   * A merge, in its transaction: the merged record's purchases and lots go to the survivor, its balance
   * leaves its ledger (`merge-out`) and enters the survivor's (`merge-in`, a debt paid from the combined
   * available points), so each ledger still sums to its balance; then the survivor's tier is re-evaluated.
   * Balances are locked in customer order, before the lots, as every change of points does.
   */
  async followMerge(em: EntityManager, mergedId: string, survivorId: string, actorId: string): Promise<void> {
    const now = this.clock.now();
    const balances = new Map<string, LockedBalance>();
    for (const id of [mergedId, survivorId].sort())
      balances.set(id, await this.repo.lockBalance(em, id, now));
    const incoming = balances.get(mergedId)!;
    await this.repo.moveToSurvivor(em, mergedId, survivorId);
    const ctx = (reference: string) => ({ at: now, actorId, reference, reason: 'merge' });
    await this.ledger.write(em, mergedId, [{ change: mergeOut(incoming), ctx: ctx(survivorId), known: [] }]);
    const lots = await this.repo.lockAvailableLots(em, survivorId);
    await this.ledger.write(em, survivorId, [
      {
        change: mergeIn(balances.get(survivorId)!, incoming, lots.map(toLot)),
        ctx: ctx(mergedId),
        known: lots,
      },
    ]);
    await this.tiers.afterMerge(em, mergedId, survivorId, now);
  }
}
