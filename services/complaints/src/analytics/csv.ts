// The CSV writer moved to the platform (after-sales exports use it too); kept here as a re-export.
export { CSV_EOL, csvField, csvRow, type CsvValue } from '@cx/platform';
