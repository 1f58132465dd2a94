import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** The baseline's purchase, as the TypeORM chapter of the Nest docs would write it (lines by cascade). */
@Entity()
@Index(['source', 'orderId'], { unique: true })
export class Purchase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  source!: string;

  @Column()
  orderId!: string;

  @Column()
  channel!: string;

  @Column()
  storeId!: string;

  @Column({ type: 'uuid' })
  customerId!: string;

  @Column({ type: 'bigint' })
  paidAmountMinor!: number;

  @Column()
  currency!: string;

  @Column({ type: 'timestamptz' })
  purchasedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @OneToMany(() => PurchaseLine, (line) => line.purchase, { cascade: true })
  lines!: PurchaseLine[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@Entity()
export class PurchaseLine {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => Purchase, (purchase) => purchase.lines, { onDelete: 'CASCADE' })
  purchase!: Purchase;

  @Column()
  lineId!: string;

  @Column()
  sku!: string;

  @Column()
  category!: string;

  @Column()
  productName!: string;

  @Column({ type: 'text', nullable: true })
  serialNumber!: string | null;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'bigint' })
  unitPriceMinor!: number;

  @Column({ type: 'text', nullable: true })
  warrantyClass!: string | null;
}
