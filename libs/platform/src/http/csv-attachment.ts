import { StreamableFile } from '@nestjs/common';
import type { Readable } from 'node:stream';

/** A CSV export as the answer of a route: UTF-8 `text/csv`, downloaded as `filename`. */
export function csvAttachment(filename: string, content: string | Readable): StreamableFile {
  const options = {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
  };
  return typeof content === 'string'
    ? new StreamableFile(Buffer.from(content, 'utf8'), options)
    : new StreamableFile(content, options);
}
