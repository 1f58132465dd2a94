import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { LocalizedText } from '../common/texts';
import type { ChecklistSection, ItemResult, SectionScore } from './audit.rules';

/** A mystery-shopper checklist: items grouped by touchpoint sections, and the overall pass threshold. */
@Entity('checklist')
export class ChecklistEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index({ unique: true }) @Column('text') code!: string;
  @Column('jsonb') title!: LocalizedText;
  @Column('jsonb') sections!: ChecklistSection[];
  /** Percent (0..100) an audit needs overall; set by the lead. */
  @Column('numeric', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  passThresholdPct!: number;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}

/** An auditor (mystery shopper) and the store they work in, which they never audit. */
@Entity('auditor')
export class AuditorEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { nullable: true }) homeStoreId!: string | null;
  @Column('timestamptz') updatedAt!: Date;
}

/** One store's audit for a quarter, assigned to an auditor; results, score and pass once completed. */
@Entity('audit')
export class AuditEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') checklistId!: string;
  @Column('text') storeId!: string;
  @Column('text') quarter!: string;
  @Column('text') auditorId!: string;
  @Column('text') status!: 'assigned' | 'completed';
  @Column('jsonb', { nullable: true }) results!: ItemResult[] | null;
  @Column('jsonb', { nullable: true }) sectionScores!: SectionScore[] | null;
  @Column('numeric', {
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  scorePct!: number | null;
  @Column('boolean', { nullable: true }) passed!: boolean | null;
  @Column('text', { array: true }) staffOnDuty!: string[];
  @Column('timestamptz', { nullable: true }) completedAt!: Date | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('text') createdBy!: string;
}

export const ACTION_KINDS = ['immediate', 'correction', 'prevention'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** What the store does about a failed item, with an owner and a due date, tracked until closed. */
@Entity('corrective_action')
export class CorrectiveActionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') auditId!: string;
  @Column('text') storeId!: string;
  @Column('text') itemKey!: string;
  @Column('text') kind!: ActionKind;
  @Column('text') description!: string;
  @Column('text') ownerId!: string;
  @Column('timestamptz') dueAt!: Date;
  @Column('text') status!: 'open' | 'closed';
  @Column('timestamptz', { nullable: true }) closedAt!: Date | null;
  @Column('text', { nullable: true }) closedBy!: string | null;
  @Column('timestamptz') createdAt!: Date;
}

/** A photo or document an auditor took for an item (content in the platform's FileStorage, owner `audit:<id>`). */
@Entity('audit_evidence')
export class AuditEvidenceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid') auditId!: string;
  @Column('text') itemKey!: string;
  @Column('uuid') fileId!: string;
  @Column('text') contentType!: string;
  @Column('int') size!: number;
  @Column('timestamptz') createdAt!: Date;
  /** The auditor who uploaded it (JWT sub): they, the quality lead and admin may read it back. */
  @Column('text') createdBy!: string;
}
