import { INCIDENT_SOURCES } from '@cx/contracts';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * proposed (spike detection found it; a lead confirms or dismisses) -> open -> resolved; an incident
 * opened by hand starts open.
 */
export const INCIDENT_STATUSES = ['proposed', 'open', 'resolved', 'dismissed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** How it came about (the contract's list: evt.complaints.incident.opened.v1 carries it). */
export { INCIDENT_SOURCES };
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

/** One cause behind many complaints (a faulty batch, a store outage): they are linked to it and resolved together. */
@Entity('incident')
@Index(['createdAt', 'id'])
export class IncidentEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Human reference, e.g. I-2026-000012. */
  @Index({ unique: true }) @Column('text') reference!: string;
  @Column('text') title!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Index() @Column('text') status!: IncidentStatus;
  @Column('text') source!: IncidentSource;
  /** What it is about, when it is one store or one product (spike detection sets one of them). */
  @Column('text', { nullable: true }) storeId!: string | null;
  @Column('text', { nullable: true }) productSku!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
  /** When it was resolved or dismissed. */
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
  @Column('text', { nullable: true }) resolutionSummary!: string | null;
}

/** The incident's own timeline: proposed, opened, complaints linked and unlinked, resolved. */
@Entity('incident_event')
export class IncidentEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Index() @Column('uuid') incidentId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text') actorId!: string;
  @Column('text') action!: string;
  @Column('jsonb', { default: {} }) details!: Record<string, unknown>;
}
