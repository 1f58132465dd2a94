import { ApiProperty } from '@nestjs/swagger';
import { DEAD_LETTER_REASONS, DeadLetterEntity, DeadLetterReason } from '../database/platform.entities';

/** A dead letter as the admin API shows it. */
export class DeadLetterView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'complaints__crm', description: 'The durable consumer that gave up' })
  consumer!: string;
  @ApiProperty({
    description: 'The envelope id when it could be read, else the NATS message id or stream sequence',
  })
  messageId!: string;
  @ApiProperty({ example: 'evt.crm.customer.tier-changed.v1' }) subject!: string;
  @ApiProperty({ type: String, nullable: true, example: '42' }) streamSeq!: string | null;
  @ApiProperty({ example: 5 }) deliveries!: number;
  @ApiProperty({ enum: DEAD_LETTER_REASONS }) reason!: DeadLetterReason;
  @ApiProperty() error!: string;
  @ApiProperty({ description: 'The message body as received (it may not even be JSON)' }) payload!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) headers!: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) replayedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) replayedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last replay failed' })
  replayError!: string | null;
}

export const toDeadLetterView = (d: DeadLetterEntity): DeadLetterView => ({
  id: d.id,
  consumer: d.consumer,
  messageId: d.messageId,
  subject: d.subject,
  streamSeq: d.streamSeq,
  deliveries: d.deliveries,
  reason: d.reason,
  error: d.error,
  payload: d.payload,
  headers: d.headers,
  createdAt: d.createdAt.toISOString(),
  replayedAt: d.replayedAt?.toISOString() ?? null,
  replayedBy: d.replayedBy,
  replayError: d.replayError,
});
