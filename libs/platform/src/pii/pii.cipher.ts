import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  KeyObject,
  randomBytes,
} from 'node:crypto';

/** A PII key or ciphertext problem. Messages never contain plain text or key material. */
export class PiiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PiiError';
  }
}

export interface PiiCipherOptions {
  /** Every key that may still be found in stored values, by id; each exactly 32 bytes (AES-256). */
  keys: Map<string, Buffer>;
  /** The key new values are encrypted with. */
  activeKeyId: string;
  /** HMAC key of the blind indexes, at least 32 bytes. Never rotated casually: every index depends on it. */
  hashKey: Buffer;
}

/** The config fields PiiCipher.fromConfig reads (a subset of BaseConfig). */
export interface PiiConfig {
  PII_KEYS?: string;
  PII_ACTIVE_KEY_ID?: string;
  PII_HASH_KEY?: string;
}

export type BlindIndexKind = 'email' | 'phone' | 'text';

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]+$/;
const B64URL = /^[A-Za-z0-9_-]*$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function decodePart(part: string, what: string): Buffer {
  const buf = Buffer.from(part, 'base64url');
  // Canonical encoding only: a changed character must never decode to the same bytes unnoticed.
  if (!B64URL.test(part) || buf.toString('base64url') !== part)
    throw new PiiError(`Malformed PII ciphertext: bad ${what}`);
  return buf;
}

/**
 * Encrypts personal data for storage and computes blind indexes for lookups.
 *
 * Token format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts), AES-256-GCM with a random 96-bit
 * IV per value; `v1.<keyId>` is authenticated as associated data, so relabelling a value with another
 * key id fails like any other tampering.
 */
export class PiiCipher {
  private static installed: PiiCipher | undefined;

  // KeyObjects, not Buffers: Node 24 takes a Buffer key through a brand check that throws and
  // catches inside createHmac and createCipheriv, 14-22 µs a call (docs/benchmarks.md, round 12).
  private readonly keys: Map<string, KeyObject>;
  readonly activeKeyId: string;
  private readonly hashKey: KeyObject;

  constructor(options: PiiCipherOptions) {
    if (options.keys.size === 0) throw new PiiError('PII cipher needs at least one key');
    for (const [id, key] of options.keys) {
      if (!KEY_ID.test(id))
        throw new PiiError(`PII key id "${id}" may only contain letters, digits, "_" and "-"`);
      if (key.length !== 32) throw new PiiError(`PII key "${id}" must be 32 bytes, got ${key.length}`);
    }
    if (!options.keys.has(options.activeKeyId))
      throw new PiiError(
        `Active PII key id "${options.activeKeyId}" is not among the keys (${[...options.keys.keys()].join(', ')})`,
      );
    if (options.hashKey.length < 32)
      throw new PiiError(`PII hash key must be at least 32 bytes, got ${options.hashKey.length}`);
    this.keys = new Map([...options.keys].map(([id, key]) => [id, createSecretKey(key)]));
    this.activeKeyId = options.activeKeyId;
    this.hashKey = createSecretKey(options.hashKey);
  }

  /** From PII_KEYS (`id:base64,id:base64`), PII_ACTIVE_KEY_ID (default: the last id) and PII_HASH_KEY. */
  static fromConfig(config: PiiConfig): PiiCipher {
    if (!config.PII_KEYS) throw new PiiError('PII_KEYS is not set');
    if (!config.PII_HASH_KEY) throw new PiiError('PII_HASH_KEY is not set');
    const keys = new Map<string, Buffer>();
    for (const pair of config.PII_KEYS.split(',')) {
      const [id, b64, ...rest] = pair.trim().split(':');
      if (!id || !b64 || rest.length > 0)
        throw new PiiError('PII_KEYS must be comma-separated keyId:base64key pairs');
      if (keys.has(id)) throw new PiiError(`PII_KEYS lists key id "${id}" twice`);
      keys.set(id, Buffer.from(b64, 'base64'));
    }
    const activeKeyId = config.PII_ACTIVE_KEY_ID ?? [...keys.keys()][keys.size - 1];
    return new PiiCipher({ keys, activeKeyId, hashKey: Buffer.from(config.PII_HASH_KEY, 'base64') });
  }

  /** Sets the process-wide cipher the `encrypted()` column transformer uses. Call once at bootstrap. */
  static install(cipher: PiiCipher): void {
    PiiCipher.installed = cipher;
  }

  /** The installed cipher; throws when bootstrap has not installed one yet. */
  static current(): PiiCipher {
    if (!PiiCipher.installed)
      throw new PiiError(
        'No PII cipher installed: call PiiCipher.install(PiiCipher.fromConfig(config)) at bootstrap, before any entity with an encrypted() column is read or written',
      );
    return PiiCipher.installed;
  }

  /** For tests: forget the installed cipher. */
  static uninstall(): void {
    PiiCipher.installed = undefined;
  }

  encrypt(plain: string): string {
    if (typeof plain !== 'string') throw new PiiError(`Only strings can be encrypted, got ${typeof plain}`);
    const keyId = this.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}.${keyId}`, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      keyId,
      iv.toString('base64url'),
      tag.toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  decrypt(token: string): string {
    const { keyId, iv, tag, ciphertext } = this.parse(token);
    const key = this.keys.get(keyId);
    if (!key)
      throw new PiiError(
        `Unknown PII key id "${keyId}": keep every key still used by stored values in PII_KEYS (known: ${[...this.keys.keys()].join(', ')})`,
      );
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new PiiError(
        `PII ciphertext failed authentication (key "${keyId}"): tampered, truncated or encrypted with another key`,
      );
    }
  }

  /** The id of the key a token was encrypted with. */
  keyIdOf(token: string): string {
    return this.parse(token).keyId;
  }

  /** True when the value looks like one of our tokens (it may still fail to decrypt). */
  static isToken(value: string): boolean {
    return value.startsWith(`${VERSION}.`) && value.split('.').length === 5;
  }

  /** True when the token was encrypted with a key other than the active one. */
  needsRotation(token: string): boolean {
    return this.keyIdOf(token) !== this.activeKeyId;
  }

  /** The prefix every token encrypted with the active key starts with (for SQL filters). */
  get activePrefix(): string {
    return `${VERSION}.${this.activeKeyId}.`;
  }

  /**
   * HMAC-SHA256 (hex) of the normalized value, for equality lookups on encrypted columns. The kind is
   * part of the input, so the same string indexed as email and as text gives different hashes.
   * email: NFKC, trim, lower case. phone: NFKC (full-width digits), digits only, a leading + kept.
   * text: NFKC, trim, inner whitespace collapsed, lower case.
   */
  blindIndex(value: string, kind: BlindIndexKind): string {
    const normalized = PiiCipher.normalize(value, kind);
    if (normalized === '' || normalized === '+') throw new PiiError(`Cannot index an empty ${kind}`);
    return createHmac('sha256', this.hashKey).update(`${kind}\u0000${normalized}`, 'utf8').digest('hex');
  }

  static normalize(value: string, kind: BlindIndexKind): string {
    const v = value.normalize('NFKC').trim();
    switch (kind) {
      case 'email':
        return v.toLowerCase();
      case 'phone':
        return (v.startsWith('+') ? '+' : '') + v.replace(/\D/g, '');
      case 'text':
        return v.replace(/\s+/g, ' ').toLowerCase();
    }
  }

  private parse(token: string): { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
    if (typeof token !== 'string')
      throw new PiiError(`Malformed PII ciphertext: expected a string, got ${typeof token}`);
    const parts = token.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION)
      throw new PiiError(`Malformed PII ciphertext: expected ${VERSION}.<keyId>.<iv>.<tag>.<ciphertext>`);
    const [, keyId, ivPart, tagPart, ctPart] = parts;
    if (!KEY_ID.test(keyId)) throw new PiiError('Malformed PII ciphertext: bad key id');
    const iv = decodePart(ivPart, 'iv');
    const tag = decodePart(tagPart, 'tag');
    if (iv.length !== IV_BYTES) throw new PiiError('Malformed PII ciphertext: bad iv length');
    if (tag.length !== TAG_BYTES) throw new PiiError('Malformed PII ciphertext: bad tag length');
    return { keyId, iv, tag, ciphertext: decodePart(ctPart, 'ciphertext') };
  }
}
