import { ApiProperty } from '@nestjs/swagger';
import { TimelineEntryEntity } from './timeline.entity';
import {
  TIMELINE_KINDS,
  TIMELINE_SOURCES,
  TimelineKind,
  TimelineSource,
  TimelineSummary,
} from './timeline.rules';

/** One fact on a customer's timeline: no personal data, the reference leads to the owning service. */
export class TimelineEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) customerId!: string;
  @ApiProperty({ enum: TIMELINE_KINDS }) kind!: TimelineKind;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: TIMELINE_SOURCES, description: 'The service that owns the fact' })
  source!: TimelineSource;
  @ApiProperty({
    description:
      "The fact's id in its service (purchase, complaint, return, repair, response); for points, the order or return they belong to",
  })
  referenceId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: 'Codes, references and amounts (minor units) of the fact; never personal data',
    example: { orderId: 'SO-2026-000451', paidAmountMinor: 129900, currency: 'CNY' },
  })
  summary!: TimelineSummary;
}

export function toTimelineEntryView(e: TimelineEntryEntity): TimelineEntryView {
  return {
    id: e.id,
    customerId: e.customerId,
    kind: e.kind,
    occurredAt: e.occurredAt.toISOString(),
    source: e.source,
    referenceId: e.referenceId,
    summary: e.summary,
  };
}
