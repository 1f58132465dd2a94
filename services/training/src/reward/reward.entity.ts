import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reward a lead offers for training points (seed 001: points exchangeable for rewards). */
@Entity('reward')
export class RewardEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') title!: string;
  @Column('int') costPoints!: number;
  @Column('boolean') active!: boolean;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}
