import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A store's time zone: its scorecard months and local dates are counted in it. */
@Entity('store_zone')
export class StoreZoneEntity {
  @PrimaryColumn('text') storeId!: string;
  @Column('text') timeZone!: string;
  @Column('timestamptz') updatedAt!: Date;
  @Column('text') updatedBy!: string;
}
