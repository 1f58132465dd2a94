import { WarrantyClass } from '@cx/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The warranty term of a product class (seed 003 3.4); a change applies to purchases registered after it. */
@Entity('warranty_term')
export class WarrantyTermEntity {
  @PrimaryColumn('text') warrantyClass!: WarrantyClass;
  @Column('int') months!: number;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}

/** What a lead set for a product category: its own warranty term, and 15-day returns (a special case). */
@Entity('category_policy')
export class CategoryPolicyEntity {
  @PrimaryColumn('text') category!: string;
  @Column('int', { nullable: true }) warrantyMonths!: number | null;
  @Column('boolean') specialReturns!: boolean;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}

/** A store's time zone: its local days bound the return window and the warranty's end. */
@Entity('store_zone')
export class StoreZoneEntity {
  @PrimaryColumn('text') storeId!: string;
  @Column('text') timeZone!: string;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}
