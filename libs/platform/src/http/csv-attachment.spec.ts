import { Readable } from 'node:stream';
import { csvAttachment } from './csv-attachment';

describe('csvAttachment', () => {
  it('answers a CSV text as UTF-8 text/csv downloaded under its file name', async () => {
    const file = csvAttachment('scores-2026.csv', 'name\r\nZhào\r\n');
    expect(file.getHeaders()).toMatchObject({
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="scores-2026.csv"',
    });
    const chunks: Buffer[] = [];
    for await (const c of file.getStream()) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe('name\r\nZhào\r\n');
  });

  it('passes a streamed export through as it comes', () => {
    const stream = Readable.from(['a\r\n']);
    const file = csvAttachment('ledger.csv', stream);
    expect(file.getStream()).toBe(stream);
    expect(file.getHeaders().disposition).toBe('attachment; filename="ledger.csv"');
  });
});
