import { uuidv7 } from '@cx/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FileStorage, PutFileInput, StoredFileContent, StoredFileInfo } from './file-storage';

interface StoredFileRow {
  id: string;
  owner: string;
  content_type: string;
  size: number;
  sha256: string;
  filename: string | null;
  created_at: Date;
  content?: Buffer;
}

const INFO_COLUMNS = 'id, owner, content_type, size, sha256, filename, created_at';

function toInfo(row: StoredFileRow): StoredFileInfo {
  return {
    id: row.id,
    owner: row.owner,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    filename: row.filename,
    createdAt: row.created_at,
  };
}

/**
 * Files as bytea rows of `stored_file` in the service's own database (ADR 15): backed up, migrated and
 * erased with the rows that refer to them, and written in the same transaction. Fits evidence photos
 * and documents of a few megabytes; larger or very many files belong in an S3-compatible store.
 */
export class PostgresFileStorage extends FileStorage {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  private runner(em?: EntityManager): Pick<EntityManager, 'query'> {
    return em ?? this.dataSource;
  }

  async put(input: PutFileInput, em?: EntityManager): Promise<StoredFileInfo> {
    const sha256 = createHash('sha256').update(input.content).digest('hex');
    const rows: StoredFileRow[] = await this.runner(em).query(
      `INSERT INTO stored_file (id, owner, content_type, size, sha256, filename, content, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${INFO_COLUMNS}`,
      [
        uuidv7(),
        input.owner,
        input.contentType,
        input.content.length,
        sha256,
        input.filename ?? null,
        input.content,
        input.createdAt ?? new Date(),
      ],
    );
    return toInfo(rows[0]);
  }

  async get(id: string, em?: EntityManager): Promise<StoredFileContent | null> {
    const rows: StoredFileRow[] = await this.runner(em).query(
      `SELECT ${INFO_COLUMNS}, content FROM stored_file WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row?.content ? { info: toInfo(row), body: row.content } : null;
  }

  async head(id: string, em?: EntityManager): Promise<StoredFileInfo | null> {
    const rows: StoredFileRow[] = await this.runner(em).query(
      `SELECT ${INFO_COLUMNS} FROM stored_file WHERE id = $1`,
      [id],
    );
    return rows[0] ? toInfo(rows[0]) : null;
  }

  async delete(id: string, em?: EntityManager): Promise<boolean> {
    return (await this.deleteWhere('id = $1', id, em)) > 0;
  }

  deleteByOwner(owner: string, em?: EntityManager): Promise<number> {
    return this.deleteWhere('owner = $1', owner, em);
  }

  private async deleteWhere(condition: string, value: string, em?: EntityManager): Promise<number> {
    // TypeORM answers a DELETE with [rows, affected].
    const [, affected]: [unknown[], number] = await this.runner(em).query(
      `DELETE FROM stored_file WHERE ${condition}`,
      [value],
    );
    return affected;
  }
}
