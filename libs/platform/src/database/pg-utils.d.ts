// pg's conversion of JS values to parameter text (pg/lib/utils.js, exported by pg's package map; untyped in @types/pg).
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
