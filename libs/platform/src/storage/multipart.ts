import fastifyMultipart from '@fastify/multipart';
import { createParamDecorator, ExecutionContext, HttpException } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  checkDeclaredType,
  checkUpload,
  normalizeContentType,
  UploadLimits,
  UploadProblem,
} from './upload-rules';

/**
 * Multipart is registered once for every service (createServiceApp). Parts are read only by a route that
 * asks (`readFilePart` / `@FilePart`), with that route's limit; these plugin limits are the outer bounds.
 */
export const MULTIPART_PLUGIN = fastifyMultipart;
export const MULTIPART_DEFAULTS = {
  throwFileSizeLimit: true,
  limits: { files: 1, fields: 20, parts: 21, fieldSize: 64 * 1024, fileSize: 25 * 1024 * 1024 },
};

export interface FilePartOptions extends UploadLimits {
  /** The form field holding the file (default `file`). */
  field?: string;
}

/** One uploaded file, read and checked, with the text fields sent before it. */
export interface UploadedFilePart {
  field: string;
  filename: string | null;
  contentType: string;
  content: Buffer;
  /** Text fields that came before the file part in the form. */
  fields: Record<string, string>;
}

/** 413 / 415 / 400 problem naming the form field (`code`: FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, ...). */
export class UploadRejectedError extends HttpException {
  constructor(code: string, status: number, field: string, message: string) {
    super({ message, code, errors: [{ field, messages: [message] }] }, status);
    this.name = 'UploadRejectedError';
  }

  static of(problem: UploadProblem, field: string): UploadRejectedError {
    return new UploadRejectedError(problem.code, problem.status, field, problem.message);
  }
}

function isFileTooLarge(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE';
}

/**
 * Reads the one file part of a multipart request into memory, refusing (before anything is stored) a
 * request that is not multipart (415), has no such part (400), declares a type off the allow-list (415),
 * goes over `maxBytes` (413: the stream stops at the limit, the rest is never buffered) or whose content
 * does not match its declared type (415).
 */
export async function readFilePart(
  request: FastifyRequest,
  options: FilePartOptions,
): Promise<UploadedFilePart> {
  const field = options.field ?? 'file';
  if (!request.isMultipart()) {
    throw new UploadRejectedError(
      'UNSUPPORTED_MEDIA_TYPE',
      415,
      'Content-Type',
      'send the file as multipart/form-data',
    );
  }
  const part = await request.file({
    limits: { fileSize: options.maxBytes, files: 1 },
    throwFileSizeLimit: true,
  });
  if (!part || part.fieldname !== field) {
    throw new UploadRejectedError('FILE_MISSING', 400, field, `the form has no file part named ${field}`);
  }
  const declared = checkDeclaredType(part.mimetype, options);
  if (declared) {
    part.file.resume(); // let the rest of the upload drain
    throw UploadRejectedError.of(declared, field);
  }
  let content: Buffer;
  try {
    content = await part.toBuffer();
  } catch (e) {
    if (isFileTooLarge(e)) {
      throw new UploadRejectedError(
        'FILE_TOO_LARGE',
        413,
        field,
        `the file is larger than ${options.maxBytes} bytes`,
      );
    }
    throw e;
  }
  const contentType = normalizeContentType(part.mimetype);
  const problem = checkUpload({ contentType, content }, options);
  if (problem) throw UploadRejectedError.of(problem, field);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (one?.type === 'field' && typeof one.value === 'string') fields[name] = one.value;
  }
  return { field, filename: part.filename || null, contentType, content, fields };
}

/**
 * `@FilePart({ maxBytes, allowedTypes }) upload: UploadedFilePart` on a route: the file read and checked
 * by `readFilePart`, and the operation documented as a multipart upload in OpenAPI. Text fields listed in
 * `describeFields` are documented too (send them before the file).
 */
export const FilePart = (options: FilePartOptions & { describeFields?: Record<string, string> }) =>
  createParamDecorator(
    (opts: FilePartOptions, ctx: ExecutionContext): Promise<UploadedFilePart> =>
      readFilePart(ctx.switchToHttp().getRequest<FastifyRequest>(), opts),
    [
      (target: object, propertyKey: string | symbol | undefined) => {
        if (propertyKey === undefined) return;
        const descriptor = Object.getOwnPropertyDescriptor(target, propertyKey);
        if (!descriptor) return;
        const field = options.field ?? 'file';
        const properties: Record<string, object> = {};
        for (const [name, description] of Object.entries(options.describeFields ?? {}))
          properties[name] = { type: 'string', description };
        properties[field] = {
          type: 'string',
          format: 'binary',
          description: `${options.allowedTypes.join(', ')}; at most ${options.maxBytes} bytes`,
        };
        ApiConsumes('multipart/form-data')(target, propertyKey, descriptor);
        ApiBody({ schema: { type: 'object', required: [field], properties } })(
          target,
          propertyKey,
          descriptor,
        );
      },
    ],
  )(options);
