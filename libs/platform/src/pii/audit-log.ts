import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntity } from '../database/platform.entities';
import { currentTraceId } from '../observability/tracing';

export type AuditAction = 'read' | 'update' | 'erase' | 'export';

export interface AuditEntry {
  /** The authenticated caller (JWT `sub` and roles). */
  actor: { sub: string; roles: string[] };
  action: AuditAction;
  /** What kind of record, e.g. 'customer'. */
  subjectType: string;
  subjectId: string;
  /** Which personal fields were read or changed (names only, never values). */
  fields: string[];
  /** Why, when the caller states it (e.g. 'complaint 0193…', 'data subject request'). */
  purpose?: string;
}

const ACTIONS: readonly AuditAction[] = ['read', 'update', 'erase', 'export'];

/**
 * Who read or changed personal data, when, why, and under which trace. Write the entry before the data
 * leaves the service; when the write fails, the read fails too (no unaudited reads).
 */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts through `em` when given (same transaction as the change it records), else on its own. */
  async record(entry: AuditEntry, em?: EntityManager): Promise<void> {
    if (!ACTIONS.includes(entry.action)) throw new Error(`Unknown audit action "${String(entry.action)}"`);
    if (!entry.actor?.sub) throw new Error('An audit entry needs the actor (sub)');
    await (em ?? this.dataSource.manager).insert(AuditLogEntity, {
      actorId: entry.actor.sub,
      actorRole: [...entry.actor.roles].sort().join(',') || 'none',
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      fields: [...entry.fields],
      purpose: entry.purpose ?? null,
      traceId: currentTraceId() ?? null,
    });
  }

  /** Every entry about one subject, oldest first (for the subject's data request and for auditors). */
  findForSubject(subjectType: string, subjectId: string): Promise<AuditLogEntity[]> {
    return this.dataSource.getRepository(AuditLogEntity).find({
      where: { subjectType, subjectId },
      order: { at: 'ASC', id: 'ASC' },
    });
  }
}
