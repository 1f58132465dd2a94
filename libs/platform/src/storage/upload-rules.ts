/**
 * Checks on an uploaded file, pure so they are tested without a server. The caller passes its own
 * allow-list and size limit: what is acceptable evidence for a return is its decision, not the platform's.
 */
export interface UploadLimits {
  /** Largest accepted content, in bytes. */
  maxBytes: number;
  /** Accepted content types (`image/jpeg`, `application/pdf`); lower case, no parameters. */
  allowedTypes: readonly string[];
}

export type UploadProblem =
  | { code: 'FILE_TOO_LARGE'; status: 413; message: string }
  | { code: 'FILE_TYPE_NOT_ALLOWED'; status: 415; message: string }
  | { code: 'FILE_CONTENT_MISMATCH'; status: 415; message: string }
  | { code: 'FILE_EMPTY'; status: 400; message: string };

/** Leading bytes of the types we can recognise; a declared type among these must match the content. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/gif': (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** `Image/JPEG; charset=x` -> `image/jpeg`. */
export function normalizeContentType(declared: string): string {
  return declared.split(';')[0].trim().toLowerCase();
}

/** The type the content's first bytes show, when it is one we recognise. */
export function sniffContentType(content: Buffer): string | undefined {
  return Object.keys(SIGNATURES).find((type) => SIGNATURES[type](content));
}

/** Undefined when the declared type is allowed before the content is read (cheap refusal first). */
export function checkDeclaredType(declared: string, limits: UploadLimits): UploadProblem | undefined {
  const type = normalizeContentType(declared);
  if (limits.allowedTypes.includes(type)) return undefined;
  return {
    code: 'FILE_TYPE_NOT_ALLOWED',
    status: 415,
    message: `content type ${type || '(none)'} is not accepted; accepted: ${limits.allowedTypes.join(', ')}`,
  };
}

/** Undefined when the file may be stored: allowed type, size within the limit, content matching its type. */
export function checkUpload(
  file: { contentType: string; content: Buffer },
  limits: UploadLimits,
): UploadProblem | undefined {
  const declared = checkDeclaredType(file.contentType, limits);
  if (declared) return declared;
  if (file.content.length === 0) return { code: 'FILE_EMPTY', status: 400, message: 'the file is empty' };
  if (file.content.length > limits.maxBytes) {
    return {
      code: 'FILE_TOO_LARGE',
      status: 413,
      message: `the file is larger than ${limits.maxBytes} bytes`,
    };
  }
  const type = normalizeContentType(file.contentType);
  const signature = SIGNATURES[type];
  if (signature && !signature(file.content)) {
    return {
      code: 'FILE_CONTENT_MISMATCH',
      status: 415,
      message: `the content is not ${type}${sniffContentType(file.content) ? ` (it looks like ${sniffContentType(file.content)})` : ''}`,
    };
  }
  return undefined;
}
