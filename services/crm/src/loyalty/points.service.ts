import { uuidv7 } from '@cx/contracts';
import {
  Clock,
  DAY_MS,
  decodeCursor,
  IdempotencyKeys,
  Page,
  Principal,
  toPage,
  Transactions,
} from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GrantGoodwillDto, ListLedgerQuery, RedeemPointsDto } from './dto/points.dto';
import { goodwill, InsufficientPointsError, redeem } from './ledger.rules';
import { LoyaltyError } from './loyalty.errors';
import { LoyaltyRepository } from './loyalty.repository';
import {
  GoodwillView,
  PointsBalanceView,
  PointsEntryView,
  RedemptionView,
  toEntryView,
} from './loyalty.view';
import { PointsLedger, toLot } from './points.ledger';

const isPosition = (p: Record<string, unknown>): p is { seq: string } =>
  typeof p.seq === 'string' && /^[0-9]{1,19}$/.test(p.seq);

/** A customer's points: balance, ledger, redemptions and goodwill grants. */
@Injectable()
export class PointsService {
  constructor(
    private readonly repo: LoyaltyRepository,
    private readonly ledger: PointsLedger,
    private readonly tx: Transactions,
    private readonly idempotency: IdempotencyKeys,
    private readonly clock: Clock,
  ) {}

  async balance(customerId: string): Promise<PointsBalanceView> {
    const settings = await this.repo.settings();
    const until = new Date(this.clock.now().getTime() + settings.expiryReminderDays * DAY_MS);
    const [balance, expiring] = await Promise.all([
      this.repo.balance(customerId),
      this.repo.expiringBy(customerId, until),
    ]);
    return {
      customerId,
      available: balance?.available ?? 0,
      pending: balance?.pending ?? 0,
      debt: balance?.debt ?? 0,
      expiringSoon: expiring.points,
      firstExpiresAt: expiring.firstExpiresAt ? new Date(expiring.firstExpiresAt).toISOString() : null,
    };
  }

  async entries(customerId: string, query: ListLedgerQuery): Promise<Page<PointsEntryView>> {
    const after = decodeCursor(query.cursor, isPosition);
    const rows = await this.repo.ledger(customerId, after, query.limit + 1);
    const page = toPage(rows, query.limit, (last) => ({ seq: String(last.seq) }));
    return { items: page.items.map(toEntryView), nextCursor: page.nextCursor };
  }

  /**
   * Spends points, the ones that expire first first. The customer's balance row is locked for the
   * whole transaction, so two redemptions of the last points run one after the other and the second
   * finds too few (409).
   */
  async redeem(
    customerId: string,
    dto: RedeemPointsDto,
    actor: Principal,
    key: string | undefined,
  ): Promise<{ view: RedemptionView; created: boolean }> {
    if (!(await this.repo.customerExists(customerId)))
      throw new LoyaltyError('CUSTOMER_NOT_FOUND', 'No such customer', { field: 'id' });
    const result = await this.tx.run((em) =>
      this.idempotency.run(
        em,
        key ? { caller: actor.sub, key, body: { customerId, ...dto } } : undefined,
        async () => {
          const now = this.clock.now();
          const balance = await this.repo.lockBalance(em, customerId, now);
          await this.refuseMerged(em, customerId);
          const lots = await this.repo.lockAvailableLots(em, customerId);
          let change;
          try {
            change = redeem(balance, lots.map(toLot), dto.points);
          } catch (e) {
            if (e instanceof InsufficientPointsError)
              throw new LoyaltyError('INSUFFICIENT_POINTS', `Only ${e.available} points are available`, {
                field: 'points',
                available: e.available,
              });
            throw e;
          }
          const redemptionId = uuidv7();
          await this.ledger.write(em, customerId, [
            {
              change,
              known: lots,
              ctx: {
                at: now,
                actorId: actor.sub,
                reference: dto.reference ?? redemptionId,
                reason: dto.reason ?? null,
              },
            },
          ]);
          const view: RedemptionView = {
            redemptionId,
            customerId,
            points: dto.points,
            reference: dto.reference ?? null,
            available: balance.available - dto.points,
          };
          return { status: 201, body: view };
        },
      ),
    );
    return { view: result.body, created: !result.replayed };
  }

  /** Goodwill points from a complaint handler: available at once (paying any debt first), expiring like any points. */
  async grantGoodwill(customerId: string, dto: GrantGoodwillDto, actor: Principal): Promise<GoodwillView> {
    if (!(await this.repo.customerExists(customerId)))
      throw new LoyaltyError('CUSTOMER_NOT_FOUND', 'No such customer', { field: 'id' });
    const settings = await this.repo.settings();
    return this.tx.run(async (em) => {
      const now = this.clock.now();
      const balance = await this.repo.lockBalance(em, customerId, now);
      await this.refuseMerged(em, customerId);
      const lotId = uuidv7();
      const expiresAt = new Date(now.getTime() + settings.expiryDays * DAY_MS);
      const change = goodwill(balance, lotId, dto.points, expiresAt);
      await this.ledger.write(em, customerId, [
        {
          change,
          known: [],
          ctx: { at: now, actorId: actor.sub, reference: dto.reference, reason: dto.reason },
          newLot: { source: 'goodwill' },
        },
      ]);
      const after = change.movements.reduce((s, m) => s + m.available, balance.available);
      return {
        lotId,
        customerId,
        points: dto.points,
        reason: dto.reason,
        reference: dto.reference,
        expiresAt: expiresAt.toISOString(),
        available: after,
      };
    });
  }

  /** A merged record's points are its survivor's now (docs/crm/loyalty.md): points go there, not here. */
  private async refuseMerged(em: EntityManager, customerId: string): Promise<void> {
    const survivorId = await this.repo.mergedInto(em, customerId);
    if (survivorId)
      throw new LoyaltyError('CUSTOMER_MERGED', `customer ${customerId} was merged into ${survivorId}`, {
        survivorId,
      });
  }
}
