import { randomUUID } from 'node:crypto';

export interface MultipartPart {
  name: string;
  /** A text field when a string; a file when an object. */
  value: string | { content: Buffer; filename?: string; contentType: string };
}

/** A multipart/form-data body and its Content-Type, for `h.request(..., { body, headers })`. */
export function multipartBody(parts: MultipartPart[]): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----cx${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (typeof part.value === 'string') {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
        ),
      );
    } else {
      const filename = part.value.filename ?? 'upload.bin';
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${filename}"\r\n` +
            `Content-Type: ${part.value.contentType}\r\n\r\n`,
        ),
        part.value.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    body: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** The first bytes of a JPEG followed by `size - 3` filler bytes: passes the content check of image/jpeg. */
export function fakeJpeg(size: number): Buffer {
  const b = Buffer.alloc(size, 0x20);
  b[0] = 0xff;
  b[1] = 0xd8;
  b[2] = 0xff;
  return b;
}
