// RFC 4180 CSV, written a row at a time so an export can be streamed (complaints' ledger, after-sales exports).

export type CsvValue = string | number | boolean | Date | null | undefined;

/** Rows end with CRLF (RFC 4180 2.1). */
export const CSV_EOL = '\r\n';

// A spreadsheet runs a cell that starts with one of these as a formula ("CSV injection"); the
// exports carry customers' own words, so such text cells get a leading apostrophe (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: quoted when it holds a comma, quote, CR or LF, with quotes doubled (RFC 4180 2.6, 2.7). */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',') + CSV_EOL;
}
