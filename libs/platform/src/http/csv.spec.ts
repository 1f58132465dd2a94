import { csvField, csvRow } from './csv';

describe('CSV (RFC 4180)', () => {
  it('leaves plain values as they are and writes null as empty', () => {
    expect(csvRow(['C-1', 3, true, null, undefined])).toBe('C-1,3,true,,\r\n');
  });
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('zip broke, twice')).toBe('"zip broke, twice"');
    expect(csvField('the "best" jacket')).toBe('"the ""best"" jacket"');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
  });
  it('writes dates as ISO 8601 instants', () => {
    expect(csvField(new Date('2026-03-01T08:00:00Z'))).toBe('2026-03-01T08:00:00.000Z');
  });
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1 refund')).toBe("'+1 refund");
    expect(csvField('-')).toBe("'-");
    expect(csvField('@admin')).toBe("'@admin");
    expect(csvField(-3)).toBe('-3'); // numbers are numbers
  });
});
