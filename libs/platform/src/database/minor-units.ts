import type { ValueTransformer } from 'typeorm';

/**
 * A `bigint` column of money in integer minor units, read back as a number: pg returns bigint as a
 * string, and amounts up to Number.MAX_SAFE_INTEGER (the contracts' MINOR_MAX) are exact as numbers.
 */
export const minorUnits: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
