import { PurchaseDeliveredV1, PurchaseLineV1, PurchaseRecordedV1 } from '@cx/contracts';
import { Statement } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WarrantyService } from '../warranty/warranty.service';
import { PurchaseEntity } from './purchase.entity';
import { PurchaseRepository } from './purchase.repository';

/** crm's purchases: kept for returns, and their lines registered in the warranty registry. */
@Injectable()
export class PurchaseService {
  constructor(
    private readonly purchases: PurchaseRepository,
    private readonly warranties: WarrantyService,
  ) {}

  /**
   * What recording a purchase writes: the purchase kept, and its warranties registered. Computed from the
   * payload and the cached policy alone, so the handler queues them (write-only, ADR 0010) and a catch-up
   * applies a lane's batch of purchases in one round trip.
   */
  async recordPurchase(data: PurchaseRecordedV1): Promise<Statement[]> {
    const register = await this.warranties.registrationFor(data);
    return [this.purchases.upsertStatement(this.toEntity(data, data.currency)), ...register];
  }

  async recordDelivery(em: EntityManager, data: PurchaseDeliveredV1): Promise<void> {
    await this.purchases.upsert(em, this.toEntity(data, null));
    await this.warranties.recordDelivery(em, data);
  }

  /** The purchase and the named line of it, or null when aftersales has not heard of them. */
  async findLine(
    orderId: string,
    lineId: string,
  ): Promise<{ purchase: PurchaseEntity; line: PurchaseLineV1 } | null> {
    const purchase = await this.purchases.findByOrder(orderId);
    const line = purchase?.lines.find((l) => l.lineId === lineId);
    return purchase && line ? { purchase, line } : null;
  }

  eraseCustomer(em: EntityManager, customerId: string): Promise<void> {
    return this.purchases.unlinkCustomer(em, customerId);
  }

  private toEntity(
    data: Pick<
      PurchaseRecordedV1,
      'orderId' | 'customerId' | 'storeId' | 'purchasedAt' | 'deliveredAt' | 'lines'
    >,
    currency: string | null,
  ): PurchaseEntity {
    return {
      orderId: data.orderId,
      customerId: data.customerId,
      storeId: data.storeId,
      purchasedAt: new Date(data.purchasedAt),
      deliveredAt: data.deliveredAt ? new Date(data.deliveredAt) : null,
      currency,
      lines: data.lines,
    };
  }
}
