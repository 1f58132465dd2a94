import { ApiProperty } from '@nestjs/swagger';
import { LocalizedTextDto } from '../common/texts';
import { ChecklistSectionDto, ItemResultDto } from './dto/audit.dto';
import {
  AuditEntity,
  AuditEvidenceEntity,
  AuditorEntity,
  ChecklistEntity,
  CorrectiveActionEntity,
} from './audit.entity';

export class ChecklistView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ type: LocalizedTextDto }) title!: LocalizedTextDto;
  @ApiProperty() passThresholdPct!: number;
  @ApiProperty({ type: [ChecklistSectionDto] }) sections!: ChecklistSectionDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AuditorView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: String, nullable: true }) homeStoreId!: string | null;
}

export class SectionScoreView {
  @ApiProperty() touchpoint!: string;
  @ApiProperty() score!: number;
  @ApiProperty() maxScore!: number;
  @ApiProperty() pct!: number;
  @ApiProperty() passed!: boolean;
}

export class CorrectiveActionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) auditId!: string;
  @ApiProperty() storeId!: string;
  @ApiProperty() itemKey!: string;
  @ApiProperty({ enum: ['immediate', 'correction', 'prevention'] }) kind!: string;
  @ApiProperty() description!: string;
  @ApiProperty() ownerId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt!: string | null;
}

export class AuditEvidenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() itemKey!: string;
  @ApiProperty({ format: 'uuid', description: 'The file in the platform storage' }) fileId!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export const toEvidenceView = (e: AuditEvidenceEntity): AuditEvidenceView => ({
  id: e.id,
  itemKey: e.itemKey,
  fileId: e.fileId,
  contentType: e.contentType,
  size: e.size,
  createdAt: e.createdAt.toISOString(),
});

export class AuditView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) checklistId!: string;
  @ApiProperty() storeId!: string;
  @ApiProperty({ example: '2026-Q2' }) quarter!: string;
  @ApiProperty() auditorId!: string;
  @ApiProperty({ enum: ['assigned', 'completed'] }) status!: string;
  @ApiProperty({ type: Number, nullable: true }) scorePct!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed!: boolean | null;
  @ApiProperty({ type: [SectionScoreView] }) sections!: SectionScoreView[];
  @ApiProperty({ type: [ItemResultDto] }) items!: ItemResultDto[];
  @ApiProperty({ type: [String] }) staffOnDuty!: string[];
  @ApiProperty({ type: [CorrectiveActionView] }) actions!: CorrectiveActionView[];
  @ApiProperty({ type: [AuditEvidenceView] }) evidence!: AuditEvidenceView[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) completedAt!: string | null;
}

export class StorePassRateView {
  @ApiProperty() storeId!: string;
  @ApiProperty() audits!: number;
  @ApiProperty() passed!: number;
  @ApiProperty({ type: Number, nullable: true }) rate!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Rate at least 95 %' }) meetsTarget!:
    boolean | null;
}

export const toChecklistView = (c: ChecklistEntity): ChecklistView => ({
  id: c.id,
  code: c.code,
  title: c.title,
  passThresholdPct: c.passThresholdPct,
  sections: c.sections,
  createdAt: c.createdAt.toISOString(),
});

export const toAuditorView = (a: AuditorEntity): AuditorView => ({ id: a.id, homeStoreId: a.homeStoreId });

export const toActionView = (a: CorrectiveActionEntity): CorrectiveActionView => ({
  id: a.id,
  auditId: a.auditId,
  storeId: a.storeId,
  itemKey: a.itemKey,
  kind: a.kind,
  description: a.description,
  ownerId: a.ownerId,
  dueAt: a.dueAt.toISOString(),
  status: a.status,
  closedAt: a.closedAt?.toISOString() ?? null,
});

export const toAuditView = (
  a: AuditEntity,
  actions: CorrectiveActionEntity[],
  evidence: AuditEvidenceEntity[] = [],
): AuditView => ({
  id: a.id,
  checklistId: a.checklistId,
  storeId: a.storeId,
  quarter: a.quarter,
  auditorId: a.auditorId,
  status: a.status,
  scorePct: a.scorePct,
  passed: a.passed,
  sections: a.sectionScores ?? [],
  items: a.results ?? [],
  staffOnDuty: a.staffOnDuty,
  actions: actions.map(toActionView),
  evidence: evidence.map(toEvidenceView),
  completedAt: a.completedAt?.toISOString() ?? null,
});
