import type { ValueTransformer } from 'typeorm';
import { PiiCipher, PiiError } from './pii.cipher';

/**
 * Column transformer storing a string encrypted with the process-wide cipher (`PiiCipher.install` at
 * bootstrap); null and undefined pass through. Equality queries on such a column never match (each
 * encryption uses a fresh IV): look values up by a blind-index column instead.
 *
 * `@Column('text', { nullable: true, transformer: encrypted() }) phone!: string | null`
 */
export function encrypted(): ValueTransformer {
  return {
    to(value: unknown): unknown {
      if (value === null || value === undefined) return value;
      if (typeof value !== 'string')
        throw new PiiError(`encrypted() columns hold strings, got ${typeof value}`);
      return PiiCipher.current().encrypt(value);
    },
    from(value: unknown): unknown {
      if (value === null || value === undefined) return value;
      if (typeof value !== 'string')
        throw new PiiError(`encrypted() column read a ${typeof value}, expected text`);
      return PiiCipher.current().decrypt(value);
    },
  };
}

/**
 * The same for structured values (an address): JSON, then encrypted, in a `text` column.
 * `@Column('text', { nullable: true, transformer: encryptedJson() }) address!: Address | null`
 */
export function encryptedJson(): ValueTransformer {
  return {
    to(value: unknown): unknown {
      if (value === null || value === undefined) return value;
      return PiiCipher.current().encrypt(JSON.stringify(value));
    },
    from(value: unknown): unknown {
      if (value === null || value === undefined) return value;
      if (typeof value !== 'string')
        throw new PiiError(`encryptedJson() column read a ${typeof value}, expected text`);
      return JSON.parse(PiiCipher.current().decrypt(value)) as unknown;
    },
  };
}
