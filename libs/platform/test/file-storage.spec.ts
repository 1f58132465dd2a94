import { fakeJpeg, multipartBody, ServiceHarness, startService } from '@cx/testing';
import { Controller, Get, Module, NotFoundException, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { Roles } from '../src/auth';
import { BaseConfig } from '../src/config';
import { Transactions } from '../src/database';
import { ServiceDefinition } from '../src/service';
import { FilePart, FileStorage, StoredFileInfo, UploadedFilePart } from '../src/storage';

const LIMITS = { maxBytes: 64 * 1024, allowedTypes: ['image/jpeg', 'application/pdf'] };

@Controller('files')
class FilesController {
  constructor(
    private readonly files: FileStorage,
    private readonly tx: Transactions,
  ) {}

  @Post()
  @Roles('agent')
  upload(
    @FilePart({ ...LIMITS, describeFields: { note: 'why' } }) part: UploadedFilePart,
  ): Promise<StoredFileInfo> {
    return this.files.put({
      owner: `note:${part.fields.note ?? 'none'}`,
      contentType: part.contentType,
      content: part.content,
      filename: part.filename,
    });
  }

  /** Stores the file then fails: the file must roll back with the transaction. */
  @Post('failing')
  @Roles('agent')
  async failing(@FilePart(LIMITS) part: UploadedFilePart): Promise<void> {
    await this.tx.run(async (em) => {
      await this.files.put({ owner: 'failing', contentType: part.contentType, content: part.content }, em);
      throw new NotFoundException('rolled back');
    });
  }

  @Get(':id')
  @Roles('agent')
  async get(@Param('id', ParseUUIDPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.files.get(id);
    if (!file) throw new NotFoundException();
    await reply.header('content-type', file.info.contentType).send(file.body);
  }
}

@Module({ controllers: [FilesController] })
class FilesModule {}

const filesService: ServiceDefinition = {
  name: 'aftersales',
  title: 'Files',
  description: 'A service that stores uploads',
  version: '0.0.0',
  defaultPort: 0,
  config: BaseConfig,
  imports: [FilesModule],
  entities: [],
  migrations: [],
};

describe('FileStorage and multipart uploads in a service built with the platform', () => {
  let h: ServiceHarness;
  const count = async () =>
    Number((await h.sql<{ n: string }>(`SELECT count(*) AS n FROM stored_file`))[0].n);
  const upload = (path: string, content: Buffer, contentType = 'image/jpeg', note?: string) => {
    const { body, headers } = multipartBody([
      ...(note ? [{ name: 'note', value: note }] : []),
      { name: 'file', value: { content, contentType, filename: 'a.jpg' } },
    ]);
    return h.request('POST', path, { as: 'agent', body, headers });
  };

  beforeAll(async () => {
    h = await startService(filesService);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('stores an upload with its sha256, size, type and owner, and serves it back byte for byte', async () => {
    const content = fakeJpeg(10_000);
    const res = await upload('/api/v1/files', content, 'image/jpeg', 'n1');
    expect(res.statusCode).toBe(201);
    const info = res.json<StoredFileInfo>();
    expect(info).toMatchObject({
      owner: 'note:n1',
      contentType: 'image/jpeg',
      size: 10_000,
      filename: 'a.jpg',
      sha256: createHash('sha256').update(content).digest('hex'),
    });
    const back = await h.request('GET', `/api/v1/files/${info.id}`, { as: 'agent' });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.from(back.rawPayload).equals(content)).toBe(true);
  });

  it('answers 413 problem+json naming the field for a file over the limit, and stores nothing', async () => {
    const before = await count();
    const res = await upload('/api/v1/files', fakeJpeg(LIMITS.maxBytes + 1));
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE', errors: [{ field: 'file' }] });
    expect(await count()).toBe(before);
  });

  it('accepts a file exactly at the limit', async () => {
    expect((await upload('/api/v1/files', fakeJpeg(LIMITS.maxBytes))).statusCode).toBe(201);
  });

  it('answers 415 for a type off the allow-list and for content that is not its declared type', async () => {
    const before = await count();
    const html = await upload('/api/v1/files', Buffer.from('<html></html>'), 'text/html');
    expect(html.statusCode).toBe(415);
    expect(html.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', errors: [{ field: 'file' }] });
    const fake = await upload('/api/v1/files', Buffer.from('<html></html>'), 'image/jpeg');
    expect(fake.statusCode).toBe(415);
    expect(fake.json()).toMatchObject({ code: 'FILE_CONTENT_MISMATCH' });
    expect(await count()).toBe(before);
  });

  it('answers 400 when the file part is missing and 415 for a JSON body', async () => {
    const { body, headers } = multipartBody([{ name: 'note', value: 'x' }]);
    const missing = await h.request('POST', '/api/v1/files', { as: 'agent', body, headers });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'FILE_MISSING', errors: [{ field: 'file' }] });
    const json = await h.request('POST', '/api/v1/files', { as: 'agent', body: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ errors: [{ field: 'Content-Type' }] });
  });

  it('rolls a stored file back with the transaction it was written in', async () => {
    const res = await upload('/api/v1/files/failing', fakeJpeg(100));
    expect(res.statusCode).toBe(404);
    expect(await h.sql(`SELECT id FROM stored_file WHERE owner = 'failing'`)).toEqual([]);
  });

  it('heads, deletes one file and deletes by owner', async () => {
    const files = h.get(FileStorage);
    const a = await files.put({
      owner: 'o-1',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF-a'),
    });
    await files.put({ owner: 'o-1', contentType: 'application/pdf', content: Buffer.from('%PDF-b') });
    expect(await files.head(a.id)).toMatchObject({ size: 6, owner: 'o-1' });
    expect(await files.delete(a.id)).toBe(true);
    expect(await files.delete(a.id)).toBe(false);
    expect(await files.head(a.id)).toBeNull();
    expect(await files.deleteByOwner('o-1')).toBe(1);
    expect(await files.get(a.id)).toBeNull();
  });

  it('documents the upload as multipart/form-data in OpenAPI', async () => {
    const doc = (await h.request('GET', '/docs/json')).json<{
      paths: Record<string, { post: { requestBody: { content: Record<string, unknown> } } }>;
    }>();
    expect(Object.keys(doc.paths['/api/v1/files'].post.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
