import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows';
import { AuditLogEntity } from '../database/platform.entities';
import { WriteBatcher } from '../database/write-batcher';
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
 * Who reads and why, for a read that writes its own audit entries in its statement (a data-modifying
 * CTE inserting into `audit_log` with the subject and fields it found, ADR 35): the row's columns that
 * do not depend on what was found, taken when the read is asked for (the current trace included).
 */
export interface ReadAudit {
  actorId: string;
  actorRole: string;
  purpose: string | null;
  traceId: string | null;
}

/** The ReadAudit of `actor` reading for `purpose` (the same actor and role columns as AuditLog writes). */
export function readAudit(actor: AuditEntry['actor'], purpose: string | undefined): ReadAudit {
  const row = toRow({ actor, action: 'read', subjectType: '-', subjectId: '-', fields: [], purpose });
  return {
    actorId: row.actorId!,
    actorRole: row.actorRole!,
    purpose: row.purpose ?? null,
    traceId: row.traceId ?? null,
  };
}

/**
 * Who read or changed personal data, when, why, and under which trace. Write the entry before the data
 * leaves the service; when the write fails, the read fails too (no unaudited reads).
 */
@Injectable()
export class AuditLog {
  /**
   * Reads audited outside a transaction, written together (group commit, ADR 8): under load one
   * multi-row INSERT and one commit carry the entries of many concurrent reads; alone, an entry is
   * written at once. Two batches at a time hold at most two pooled connections.
   */
  private readonly grouped = new WriteBatcher<Partial<AuditLogEntity>, void>(
    async (rows) => {
      await insertRows(this.dataSource.manager, AuditLogEntity, rows as AuditLogEntity[]);
      return rows.map(() => undefined);
    },
    { maxBatch: 200, concurrency: 2 },
  );

  constructor(private readonly dataSource: DataSource) {}

  /** Inserts through `em` when given (same transaction as the change it records), else on its own. */
  async record(entry: AuditEntry, em?: EntityManager): Promise<void> {
    await (em ?? this.dataSource.manager).insert(AuditLogEntity, toRow(entry));
  }

  /**
   * For a read on a busy path: the entry is committed together with those of concurrent reads, and the
   * promise settles once it is (or fails with the write: no unaudited reads).
   */
  async recordGrouped(entry: AuditEntry): Promise<void> {
    await this.grouped.submit(toRow(entry));
  }

  /** Every entry about one subject, oldest first (for the subject's data request and for auditors). */
  findForSubject(subjectType: string, subjectId: string): Promise<AuditLogEntity[]> {
    return this.dataSource.getRepository(AuditLogEntity).find({
      where: { subjectType, subjectId },
      order: { at: 'ASC', id: 'ASC' },
    });
  }
}

/** The row of an entry, with the current trace (taken now, before any batching). */
function toRow(entry: AuditEntry): Partial<AuditLogEntity> {
  if (!ACTIONS.includes(entry.action)) throw new Error(`Unknown audit action "${String(entry.action)}"`);
  if (!entry.actor?.sub) throw new Error('An audit entry needs the actor (sub)');
  return {
    actorId: entry.actor.sub,
    actorRole: [...entry.actor.roles].sort().join(',') || 'none',
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    fields: [...entry.fields],
    purpose: entry.purpose ?? null,
    traceId: currentTraceId() ?? null,
  };
}
