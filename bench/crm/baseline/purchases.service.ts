import { Inject, Injectable } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { Repository } from 'typeorm';
import { CreatePurchaseDto } from '../../../services/crm/src/purchase/dto/create-purchase.dto';
import { Purchase } from './purchase.entity';
import { EVENTS_CLIENT, PURCHASE_REPOSITORY, SUBJECT_PREFIX } from './tokens';

@Injectable()
export class PurchasesService {
  constructor(
    @Inject(PURCHASE_REPOSITORY) private readonly purchases: Repository<Purchase>,
    @Inject(EVENTS_CLIENT) private readonly client: ClientProxy,
    @Inject(SUBJECT_PREFIX) private readonly prefix: string,
  ) {}

  async create(dto: CreatePurchaseDto): Promise<Purchase> {
    const purchase = this.purchases.create({
      source: dto.source,
      orderId: dto.orderId,
      channel: dto.channel,
      storeId: dto.storeId,
      customerId: dto.customerId,
      paidAmountMinor: dto.paidAmountMinor,
      currency: dto.currency,
      purchasedAt: new Date(dto.purchasedAt),
      deliveredAt: dto.deliveredAt ? new Date(dto.deliveredAt) : null,
      lines: dto.lines.map((l) => ({
        lineId: l.lineId,
        sku: l.sku,
        category: l.category,
        productName: l.productName,
        serialNumber: l.serialNumber ?? null,
        quantity: l.quantity,
        unitPriceMinor: l.unitPriceMinor,
        warrantyClass: l.warrantyClass ?? null,
      })),
    });
    const saved = await this.purchases.save(purchase);
    // Fire and forget, as the docs show for event-based messages: nothing waits for the broker.
    this.client.emit(`${this.prefix}crm.purchase.recorded`, {
      id: saved.id,
      source: saved.source,
      orderId: saved.orderId,
      customerId: saved.customerId,
      paidAmountMinor: saved.paidAmountMinor,
      purchasedAt: saved.purchasedAt.toISOString(),
    });
    return saved;
  }
}
