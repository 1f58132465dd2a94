import { ApiProperty } from '@nestjs/swagger';
import { COMPENSATION_KINDS, CompensationEntity, CompensationKind } from './compensation.entity';

export class CompensationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ enum: COMPENSATION_KINDS }) kind!: CompensationKind;
  @ApiProperty({ type: Number, nullable: true, example: 59900, description: 'Integer minor units' })
  amountMinor!: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'CNY' }) currency!: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 500 }) points!: number | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) givenAt!: string;
  @ApiProperty() givenBy!: string;
}

export const toCompensationView = (c: CompensationEntity): CompensationView => ({
  id: c.id,
  complaintId: c.complaintId,
  kind: c.kind,
  amountMinor: c.amountMinor,
  currency: c.currency,
  points: c.points,
  note: c.note,
  givenAt: c.givenAt.toISOString(),
  givenBy: c.givenBy,
});
