import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The baseline's complaint: the columns that matter, as the TypeORM chapter of the Nest docs would write them. */
@Entity()
export class Complaint {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ unique: true })
  reference!: string;

  @Column()
  channel!: string;

  @Column()
  category!: string;

  @Column()
  urgency!: string;

  @Column()
  importance!: string;

  @Column()
  priority!: string;

  @Column({ type: 'uuid', nullable: true })
  customerId!: string | null;

  @Column({ type: 'text', nullable: true })
  complainantName!: string | null;

  @Column({ type: 'text', nullable: true })
  complainantPhone!: string | null;

  @Column({ type: 'text', nullable: true })
  complainantEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  storeId!: string | null;

  @Column({ type: 'text', nullable: true })
  orderId!: string | null;

  @Column({ type: 'text', nullable: true })
  productSku!: string | null;

  @Column('text')
  description!: string;

  @Column({ type: 'jsonb', default: [] })
  attachments!: { ref: string; name?: string; contentType?: string }[];

  @Column({ default: 'received' })
  status!: string;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
