import { csvField, csvRow } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('plain')).toBe('plain');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-1)).toBe('-1');
  });

  it('writes empty for null, ISO for dates, CRLF after a row', () => {
    expect(csvRow([null, undefined, new Date('2026-01-01T00:00:00Z'), true, 0.5])).toBe(
      ',,2026-01-01T00:00:00.000Z,true,0.5\r\n',
    );
  });
});
