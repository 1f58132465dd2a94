import { csvField, csvRow } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvRow(['a', 1, null, true])).toBe('a,1,,true\r\n');
    expect(csvField('x,"y"')).toBe('"x,""y"""');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-0.5)).toBe('-0.5');
  });
});
