import { WarrantyClass } from '@cx/contracts';
import { minorUnits } from '@cx/platform';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const WARRANTY_STATUSES = ['active', 'replaced'] as const;
export type WarrantyStatus = (typeof WARRANTY_STATUSES)[number];

/** One purchased item's warranty, registered from crm's purchase events (or moved to an exchanged item). */
@Entity('warranty')
export class WarrantyEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') orderId!: string;
  @Column('text') lineId!: string;
  /** Which item of the line (1 to its quantity): one warranty per purchased item. */
  @Column('int') unit!: number;
  /** Null once crm erased the customer. */
  @Column('uuid', { nullable: true }) customerId!: string | null;
  @Column('text') storeId!: string;
  @Column('text') sku!: string;
  @Column('text') category!: string;
  @Column('text') productName!: string;
  @Column('text', { nullable: true }) serialNumber!: string | null;
  @Column('int') quantity!: number;
  @Column('bigint', { transformer: minorUnits }) unitPriceMinor!: number;
  /** Null when the sign-off arrived before the purchase (the sign-off carries no prices). */
  @Column('text', { nullable: true }) currency!: string | null;
  @Column('text', { nullable: true }) warrantyClass!: WarrantyClass | null;
  /** The term in force when it was registered: later policy changes do not touch it. */
  @Column('int') termMonths!: number;
  @Column('timestamptz') purchasedAt!: Date;
  @Column('timestamptz', { nullable: true }) deliveredAt!: Date | null;
  @Column('timestamptz') startsAt!: Date;
  @Column('timestamptz') endsAt!: Date;
  @Column('text') status!: WarrantyStatus;
  @Column('uuid', { nullable: true }) replacesId!: string | null;
  @Column('uuid', { nullable: true }) replacedById!: string | null;
  @Column('timestamptz') createdAt!: Date;
}
