import { uuidv7 } from '@cx/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Change, Lot, sumMovements } from './ledger.rules';
import { PointsEntryEntity, PointsLotEntity } from './loyalty.entity';
import { LoyaltyRepository } from './loyalty.repository';

/** Why the movements happened, written on each of their ledger entries. */
export interface EntryContext {
  at: Date;
  actorId: string;
  purchaseId?: string | null;
  reference?: string | null;
  reason?: string | null;
}

export const toLot = (e: PointsLotEntity): Lot => ({
  id: e.id,
  status: e.status,
  points: e.points,
  reversed: e.reversed,
  remaining: e.remaining,
  expired: e.expired,
  expiresAt: e.expiresAt,
});

/**
 * Writes what the ledger rules decided: the lots they changed, one entry per movement, and the
 * balance by the movements' sum, all with the caller's `em` (whose transaction holds the balance lock).
 */
@Injectable()
export class PointsLedger {
  constructor(private readonly repo: LoyaltyRepository) {}

  async write(
    em: EntityManager,
    customerId: string,
    changes: {
      change: Change;
      ctx: EntryContext;
      known: PointsLotEntity[];
      newLot?: Partial<PointsLotEntity>;
    }[],
  ): Promise<void> {
    const updated: PointsLotEntity[] = [];
    const inserted: PointsLotEntity[] = [];
    const entries: PointsEntryEntity[] = [];
    let at: Date | undefined;
    for (const { change, ctx, known, newLot } of changes) {
      at = ctx.at;
      for (const lot of change.lots) {
        const before = known.find((k) => k.id === lot.id);
        if (before) {
          updated.push({
            ...before,
            ...lot,
            releasedAt: change.movements.some((m) => m.kind === 'release' && m.lotId === lot.id)
              ? ctx.at
              : before.releasedAt,
          });
        } else {
          inserted.push({
            customerId,
            purchaseId: null,
            source: 'goodwill',
            releaseAt: null,
            releasedAt: ctx.at,
            remindedAt: null,
            createdAt: ctx.at,
            ...newLot,
            ...lot,
          });
        }
      }
      for (const m of change.movements)
        entries.push({
          id: uuidv7(),
          customerId,
          at: ctx.at,
          kind: m.kind,
          pendingDelta: m.pending,
          availableDelta: m.available,
          debtDelta: m.debt,
          lotId: m.lotId,
          purchaseId: ctx.purchaseId ?? null,
          reference: ctx.reference ?? null,
          reason: ctx.reason ?? null,
          actorId: ctx.actorId,
        });
    }
    await this.repo.insertLots(em, inserted);
    await this.repo.updateLots(em, updated);
    await this.repo.insertEntries(em, entries);
    const sum = sumMovements(changes.flatMap((c) => c.change.movements));
    if (at) await this.repo.addToBalances(em, [{ customerId, ...sum }], at);
  }
}
