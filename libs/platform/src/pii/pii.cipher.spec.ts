import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { PiiCipher, PiiError } from './pii.cipher';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const hashKey = randomBytes(32);
const cipherWith = (
  active: string,
  keys: [string, Buffer][] = [
    ['k1', k1],
    ['k2', k2],
  ],
) => new PiiCipher({ keys: new Map(keys), activeKeyId: active, hashKey });

const parts = (token: string) => token.split('.');
const b64 = (buf: Buffer) => buf.toString('base64url');

describe('PiiCipher', () => {
  const cipher = cipherWith('k1');

  it('round-trips text, including empty and non-ASCII', () => {
    for (const plain of ['+86 138 0013 8000', '', '张伟', 'a'.repeat(10_000), 'zoë@example.com']) {
      const token = cipher.encrypt(plain);
      expect(cipher.decrypt(token)).toBe(plain);
    }
  });

  it('stays the AES-256-GCM and HMAC-SHA256 of the raw key bytes, as stored values were made', () => {
    // The keys are held as KeyObjects: a value written with the bytes themselves must still decrypt,
    // and a blind index must still find the rows indexed before.
    const iv = randomBytes(12);
    const made = createCipheriv('aes-256-gcm', k2, iv, { authTagLength: 16 });
    made.setAAD(Buffer.from('v1.k2'));
    const ct = Buffer.concat([made.update('张伟 +86 138 0013 8000', 'utf8'), made.final()]);
    expect(cipher.decrypt(['v1', 'k2', b64(iv), b64(made.getAuthTag()), b64(ct)].join('.'))).toBe(
      '张伟 +86 138 0013 8000',
    );
    expect(cipher.blindIndex(' Zoë@Example.com ', 'email')).toBe(
      createHmac('sha256', hashKey).update('email\u0000zoë@example.com', 'utf8').digest('hex'),
    );

    const [, , tokenIv, tag, written] = parts(cipher.encrypt('written now'));
    const read = createDecipheriv('aes-256-gcm', k1, Buffer.from(tokenIv, 'base64url'), {
      authTagLength: 16,
    });
    read.setAAD(Buffer.from('v1.k1'));
    read.setAuthTag(Buffer.from(tag, 'base64url'));
    expect(Buffer.concat([read.update(Buffer.from(written, 'base64url')), read.final()]).toString()).toBe(
      'written now',
    );
  });

  it('writes v1.<keyId>.<iv>.<tag>.<ciphertext> with a fresh 12-byte IV each time', () => {
    const a = cipher.encrypt('same');
    const b = cipher.encrypt('same');
    expect(a).not.toBe(b);
    const [v, keyId, iv, tag, ct] = parts(a);
    expect([v, keyId]).toEqual(['v1', 'k1']);
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ct, 'base64url')).toHaveLength(4);
    expect(a).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain('same');
  });

  it('detects a flipped byte in the ciphertext, the tag or the iv', () => {
    const token = cipher.encrypt('secret phone');
    for (const index of [2, 3, 4]) {
      const p = parts(token);
      const buf = Buffer.from(p[index], 'base64url');
      buf[buf.length - 1] ^= 0x01;
      p[index] = b64(buf);
      expect(() => cipher.decrypt(p.join('.'))).toThrow(/failed authentication/);
    }
  });

  it('detects a changed character anywhere in the text form', () => {
    const token = cipher.encrypt('secret phone');
    const last = token.length - 1;
    const flipped = token.slice(0, last) + (token[last] === 'A' ? 'B' : 'A');
    expect(() => cipher.decrypt(flipped)).toThrow(PiiError);
    expect(() => cipher.decrypt(token.slice(0, -2))).toThrow(PiiError);
  });

  it('rejects a token relabelled with another known key id', () => {
    const p = parts(cipher.encrypt('secret'));
    p[1] = 'k2';
    expect(() => cipher.decrypt(p.join('.'))).toThrow(/failed authentication/);
  });

  it('rejects malformed tokens and a truncated tag with clear errors', () => {
    expect(() => cipher.decrypt('plain text')).toThrow(/Malformed PII ciphertext/);
    expect(() => cipher.decrypt('v2.k1.a.b.c')).toThrow(/Malformed/);
    const p = parts(cipher.encrypt('x'));
    p[3] = b64(Buffer.from(p[3], 'base64url').subarray(0, 4));
    expect(() => cipher.decrypt(p.join('.'))).toThrow(/bad tag length/);
  });

  it('decrypts values of an old key after a new key becomes active, and says which need rotation', () => {
    const before = cipherWith('k1', [['k1', k1]]);
    const old = before.encrypt('old value');
    const after = cipherWith('k2');
    expect(after.decrypt(old)).toBe('old value');
    expect(after.needsRotation(old)).toBe(true);
    const fresh = after.encrypt('new value');
    expect(after.keyIdOf(fresh)).toBe('k2');
    expect(after.needsRotation(fresh)).toBe(false);
  });

  it('names the unknown key id when a key was removed too early', () => {
    const old = cipherWith('k1').encrypt('x');
    const withoutK1 = cipherWith('k2', [['k2', k2]]);
    expect(() => withoutK1.decrypt(old)).toThrow(/Unknown PII key id "k1"/);
  });

  it('validates its keys', () => {
    expect(() => cipherWith('k3')).toThrow(/Active PII key id "k3"/);
    expect(() => cipherWith('k1', [['k1', randomBytes(16)]])).toThrow(/32 bytes/);
    expect(() => cipherWith('a.b', [['a.b', k1]])).toThrow(/key id/);
    expect(
      () => new PiiCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k1', hashKey: randomBytes(8) }),
    ).toThrow(/hash key/);
  });

  describe('fromConfig', () => {
    const config = {
      PII_KEYS: `old:${k1.toString('base64')},new:${k2.toString('base64')}`,
      PII_HASH_KEY: hashKey.toString('base64'),
    };

    it('parses PII_KEYS and defaults the active key to the last one', () => {
      const c = PiiCipher.fromConfig(config);
      expect(c.activeKeyId).toBe('new');
      expect(PiiCipher.fromConfig({ ...config, PII_ACTIVE_KEY_ID: 'old' }).activeKeyId).toBe('old');
    });

    it('uses the given key bytes (decrypts with a cipher built from the same keys)', () => {
      const fromConfig = PiiCipher.fromConfig(config);
      const direct = new PiiCipher({ keys: new Map([['new', k2]]), activeKeyId: 'new', hashKey });
      expect(direct.decrypt(fromConfig.encrypt('same key'))).toBe('same key');
      expect(direct.blindIndex('a@b.c', 'email')).toBe(fromConfig.blindIndex('a@b.c', 'email'));
    });

    it('fails clearly on missing or bad settings', () => {
      expect(() => PiiCipher.fromConfig({ PII_HASH_KEY: config.PII_HASH_KEY })).toThrow(
        'PII_KEYS is not set',
      );
      expect(() => PiiCipher.fromConfig({ PII_KEYS: config.PII_KEYS })).toThrow('PII_HASH_KEY is not set');
      expect(() => PiiCipher.fromConfig({ ...config, PII_KEYS: 'nokey' })).toThrow(/keyId:base64key/);
      expect(() =>
        PiiCipher.fromConfig({ ...config, PII_KEYS: `a:${randomBytes(31).toString('base64')}` }),
      ).toThrow(/32 bytes/);
    });
  });

  describe('blindIndex', () => {
    it('treats formatting variants of one phone number as equal', () => {
      const variants = [
        '+86 138-0013-8000',
        '+8613800138000',
        ' +86 (138) 0013 8000 ',
        '＋８６ １３８ ００１３ ８０００',
      ];
      const hashes = new Set(variants.map((v) => cipher.blindIndex(v, 'phone')));
      expect(hashes.size).toBe(1);
      expect(cipher.blindIndex('8613800138000', 'phone')).not.toBe(
        cipher.blindIndex('+8613800138000', 'phone'),
      );
      expect(cipher.blindIndex('+8613800138001', 'phone')).not.toBe(
        cipher.blindIndex('+8613800138000', 'phone'),
      );
    });

    it('treats case and surrounding spaces of an email as equal', () => {
      expect(cipher.blindIndex('  Zhang.Wei@Example.COM ', 'email')).toBe(
        cipher.blindIndex('zhang.wei@example.com', 'email'),
      );
      expect(cipher.blindIndex('zhang.wei@example.com', 'email')).not.toBe(
        cipher.blindIndex('zhang.wei@example.cn', 'email'),
      );
    });

    it('normalizes text (case, inner whitespace)', () => {
      expect(cipher.blindIndex(' Wang   Fang ', 'text')).toBe(cipher.blindIndex('wang fang', 'text'));
    });

    it('is a keyed hex HMAC, separated by kind', () => {
      const h = cipher.blindIndex('a@b.c', 'email');
      expect(h).toMatch(/^[0-9a-f]{64}$/);
      expect(cipher.blindIndex('a@b.c', 'text')).not.toBe(h);
      const otherKey = new PiiCipher({
        keys: new Map([['k1', k1]]),
        activeKeyId: 'k1',
        hashKey: randomBytes(32),
      });
      expect(otherKey.blindIndex('a@b.c', 'email')).not.toBe(h);
    });

    it('refuses to index an empty value', () => {
      expect(() => cipher.blindIndex('  ', 'email')).toThrow(/empty/);
      expect(() => cipher.blindIndex('+ - ', 'phone')).toThrow(/empty/);
    });
  });

  describe('install/current', () => {
    afterEach(() => PiiCipher.uninstall());

    it('throws a clear error before install, and returns the installed cipher after', () => {
      PiiCipher.uninstall();
      expect(() => PiiCipher.current()).toThrow(/No PII cipher installed/);
      PiiCipher.install(cipher);
      expect(PiiCipher.current()).toBe(cipher);
    });
  });
});
