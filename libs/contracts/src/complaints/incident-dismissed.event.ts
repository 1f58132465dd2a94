import { ArrayMaxSize, IsArray, IsIn, IsUUID } from 'class-validator';
import { IsId, IsRef, IsText, IsTimestamp, OptionalField } from '../common/rules';
import { defineEvent } from '../registry';
import { INCIDENT_SOURCES } from './incident-opened.event';

/** Most complaint ids a dismissal lists. */
export const MAX_DISMISSED_COMPLAINTS = 10_000;

/** A proposed incident was dismissed by a lead: its complaints were unlinked and are handled one by one again. */
export class IncidentDismissedV1 {
  @IsId() incidentId!: string;
  @IsRef() reference!: string;
  @IsText() title!: string;
  @IsIn(INCIDENT_SOURCES) source!: (typeof INCIDENT_SOURCES)[number];
  @OptionalField() @IsRef() storeId?: string;
  @OptionalField() @IsRef() productSku?: string;
  /** The lead's reason, in words; no personal data. */
  @IsText(500) reason!: string;
  /**
   * The complaints it held, now part of no incident. Bounded well above any spike (about 400 KB of ids
   * at most, under NATS's 1 MB message), since a proposal's complaints are not capped.
   */
  @IsArray() @ArrayMaxSize(MAX_DISMISSED_COMPLAINTS) @IsUUID('all', { each: true }) complaintIds!: string[];
  /** The staff user who dismissed it. */
  @IsRef() dismissedBy!: string;
  @IsTimestamp() dismissedAt!: string;
}

export const incidentDismissedV1 = defineEvent('evt.complaints.incident.dismissed.v1', IncidentDismissedV1, {
  description: 'A proposed incident was dismissed; the complaints it held were unlinked.',
});
