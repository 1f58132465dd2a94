import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';

/** What is known about a stored file without reading its content. */
export interface StoredFileInfo {
  id: string;
  /** Who the file belongs to, e.g. `return-request:<uuid>`: lets a service delete all of an owner's files. */
  owner: string;
  contentType: string;
  size: number;
  /** Hex sha256 of the content, computed when stored. */
  sha256: string;
  /** The name the uploader gave, if any (shown back, never used as a path). */
  filename: string | null;
  createdAt: Date;
}

export interface PutFileInput {
  owner: string;
  contentType: string;
  content: Buffer;
  filename?: string | null;
  /** Set by the caller's clock (tests move time); defaults to now. */
  createdAt?: Date;
}

export interface StoredFileContent {
  info: StoredFileInfo;
  /** A buffer for the Postgres store; a stream for a store that can stream (S3). Fastify replies with either. */
  body: Buffer | Readable;
}

/**
 * Where uploaded files (evidence photos, documents, attachments) live. Inject `FileStorage`; the platform
 * provides the Postgres store (`stored_file` in the service's own database, ADR 15).
 *
 * `em` joins the caller's transaction: with the Postgres store a file and the row that refers to it commit
 * or roll back together. A store outside Postgres (S3-compatible, see docs/adr/0015) cannot join it: it
 * writes the object first and the caller's row second, so a rollback leaves an object without a row,
 * which such a store must sweep (objects whose owner row does not exist, older than an hour).
 */
export abstract class FileStorage {
  abstract put(input: PutFileInput, em?: EntityManager): Promise<StoredFileInfo>;
  /** The file with its content, or null when there is none with that id. */
  abstract get(id: string, em?: EntityManager): Promise<StoredFileContent | null>;
  /** The file's metadata, or null. */
  abstract head(id: string, em?: EntityManager): Promise<StoredFileInfo | null>;
  /** True when a file was deleted. */
  abstract delete(id: string, em?: EntityManager): Promise<boolean>;
  /** Deletes every file of an owner (erasure, a cancelled request); returns how many. */
  abstract deleteByOwner(owner: string, em?: EntityManager): Promise<number>;
}
