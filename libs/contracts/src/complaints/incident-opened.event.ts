import { IsIn } from 'class-validator';
import { IsId, IsIntIn, IsRef, IsText, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';

export const INCIDENT_SOURCES = ['manual', 'spike-detection'] as const;

/** An incident (one cause behind many complaints) is open: opened by hand, or a spike a lead confirmed. */
export class IncidentOpenedV1 {
  @IsId() incidentId!: string;
  /** The human reference, e.g. I-2026-000012. */
  @IsRef() reference!: string;
  /** What it is about, in words; no personal data. */
  @IsText() title!: string;
  @IsIn(INCIDENT_SOURCES) source!: (typeof INCIDENT_SOURCES)[number];
  /** When it is about one store or one product. */
  @OptionalField() @IsRef() storeId?: string;
  @OptionalField() @IsRef() productSku?: string;
  /** Complaints linked when it opened. */
  @IsIntIn(0, 1_000_000) complaintCount!: number;
  /** The staff user who opened or confirmed it. */
  @IsRef() openedBy!: string;
  @IsTimestamp() openedAt!: string;
}

export const incidentOpenedV1 = defineEvent('evt.complaints.incident.opened.v1', IncidentOpenedV1, {
  description:
    'An incident grouping complaints with one cause (a faulty batch, a store outage) was opened or confirmed.',
});
