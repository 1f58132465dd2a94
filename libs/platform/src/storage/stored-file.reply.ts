import type { FastifyReply } from 'fastify';
import { StoredFileContent } from './file-storage';

/**
 * Sends a stored file (evidence photo, document) as the answer: its stored content type, never cached
 * by a shared cache (`private, no-store`: reads are audited and may show a person), and `nosniff` so a
 * browser does not take it for anything else. For a route with `@Res() reply`.
 */
export async function sendStoredFile(reply: FastifyReply, file: StoredFileContent): Promise<void> {
  await reply
    .header('content-type', file.info.contentType)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.body);
}
