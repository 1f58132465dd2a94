import { insertRows, insertUnlessTaken, PreparedRead, preparedQuery } from '@cx/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditEntity,
  AuditEvidenceEntity,
  AuditorEntity,
  ChecklistEntity,
  CorrectiveActionEntity,
} from './audit.entity';
import type { ChecklistSection } from './audit.rules';

/** An audit locked for its results, with what scoring needs of its checklist. */
export interface AuditToComplete {
  audit: AuditEntity;
  sections: ChecklistSection[];
  passThresholdPct: number;
}

/** The only place that touches the audit tables. */
@Injectable()
export class AuditRepository {
  /** The audit locked with its checklist's sections and threshold: one statement (its text is fixed). */
  private readonly toComplete: PreparedRead<AuditEntity>;
  private readonly evidence: PreparedRead<AuditEvidenceEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.toComplete = new PreparedRead(
      dataSource,
      AuditEntity,
      'audit_to_complete',
      (select) =>
        `SELECT ${select('a')}, c.sections AS checklist_sections, c.pass_threshold_pct AS checklist_threshold
           FROM audit a JOIN checklist c ON c.id = a.checklist_id
          WHERE a.id = $1 FOR UPDATE OF a`,
    );
    this.evidence = new PreparedRead(
      dataSource,
      AuditEvidenceEntity,
      'audit_evidence_of',
      (select) =>
        `SELECT ${select('e')} FROM audit_evidence e WHERE e.audit_id = $1 ORDER BY e.created_at, e.id`,
    );
  }

  /** False when the code is taken. */
  insertChecklist(c: ChecklistEntity): Promise<boolean> {
    return insertUnlessTaken(this.dataSource.manager, ChecklistEntity, c);
  }

  checklist(id: string): Promise<ChecklistEntity | null> {
    return this.dataSource.getRepository(ChecklistEntity).findOneBy({ id });
  }

  async saveAuditor(a: AuditorEntity): Promise<void> {
    await this.dataSource.getRepository(AuditorEntity).save(a);
  }

  auditor(id: string): Promise<AuditorEntity | null> {
    return this.dataSource.getRepository(AuditorEntity).findOneBy({ id });
  }

  /** False when the store already has this checklist's audit for the quarter. */
  insertAudit(a: AuditEntity): Promise<boolean> {
    return insertUnlessTaken(this.dataSource.manager, AuditEntity, a);
  }

  audit(id: string): Promise<AuditEntity | null> {
    return this.dataSource.getRepository(AuditEntity).findOneBy({ id });
  }

  lockAudit(em: EntityManager, id: string): Promise<AuditEntity | null> {
    return em.getRepository(AuditEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * The audit, locked in the caller's transaction, with its checklist's sections and pass threshold, in
   * one prepared statement (ADR 37): what submitting results reads before it writes.
   */
  async lockToComplete(em: EntityManager, id: string): Promise<AuditToComplete | null> {
    const { rows } = await preparedQuery(em, this.toComplete.sql, [id]);
    const row = rows[0];
    if (!row) return null;
    return {
      audit: this.toComplete.toEntity(row),
      sections: row.checklist_sections as ChecklistSection[],
      passThresholdPct: Number(row.checklist_threshold),
    };
  }

  /**
   * The results, score and completion of an audit: one plain UPDATE (save() would SELECT the row first),
   * so it can go out with the actions and the event (writeTogether).
   */
  async complete(em: EntityManager, a: AuditEntity): Promise<void> {
    await em.query(
      `UPDATE audit SET status = $2, results = $3, section_scores = $4, score_pct = $5, passed = $6,
              staff_on_duty = $7, completed_at = $8
        WHERE id = $1`,
      [
        a.id,
        a.status,
        JSON.stringify(a.results),
        JSON.stringify(a.sectionScores),
        a.scorePct,
        a.passed,
        a.staffOnDuty,
        a.completedAt,
      ],
    );
  }

  /** One plain multi-row INSERT, so it can go out with the event's (writeTogether). */
  insertActions(em: EntityManager, actions: CorrectiveActionEntity[]): Promise<void> {
    return insertRows(em, CorrectiveActionEntity, actions);
  }

  actionsOf(auditId: string): Promise<CorrectiveActionEntity[]> {
    return this.dataSource
      .getRepository(CorrectiveActionEntity)
      .find({ where: { auditId }, order: { itemKey: 'ASC', createdAt: 'ASC' } });
  }

  lockAction(em: EntityManager, id: string): Promise<CorrectiveActionEntity | null> {
    return em
      .getRepository(CorrectiveActionEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async saveAction(em: EntityManager, a: CorrectiveActionEntity): Promise<void> {
    await em.getRepository(CorrectiveActionEntity).save(a);
  }

  /** Open actions, oldest due first; only those past due at `overdueAt` when given. */
  openActions(overdueAt: Date | undefined): Promise<CorrectiveActionEntity[]> {
    const qb = this.dataSource
      .getRepository(CorrectiveActionEntity)
      .createQueryBuilder('a')
      .where(`a.status = 'open'`);
    if (overdueAt) qb.andWhere('a.due_at < :at', { at: overdueAt });
    return qb.orderBy('a.due_at', 'ASC').addOrderBy('a.id', 'ASC').limit(500).getMany();
  }

  async insertEvidence(em: EntityManager, e: AuditEvidenceEntity): Promise<void> {
    await em.getRepository(AuditEvidenceEntity).insert(e);
  }

  findEvidence(auditId: string, evidenceId: string): Promise<AuditEvidenceEntity | null> {
    return this.dataSource.getRepository(AuditEvidenceEntity).findOneBy({ auditId, id: evidenceId });
  }

  /** An audit's evidence, oldest first; with `em`, as its transaction sees it. Prepared (fixed text). */
  async evidenceOf(auditId: string, em?: EntityManager): Promise<AuditEvidenceEntity[]> {
    const rows = em
      ? (await preparedQuery(em, this.evidence.sql, [auditId])).rows
      : await this.evidence.run([auditId]);
    return rows.map((r) => this.evidence.toEntity(r));
  }

  /** Completed audits and passes per store over [from, to). */
  passCounts(from: Date, to: Date): Promise<{ store_id: string; audits: string; passed: string }[]> {
    return this.dataSource.query(
      `SELECT store_id, count(*) AS audits, count(*) FILTER (WHERE passed) AS passed
         FROM audit WHERE status = 'completed' AND completed_at >= $1 AND completed_at < $2
        GROUP BY store_id ORDER BY store_id`,
      [from, to],
    );
  }
}
