import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { dataSourceOptions, migrate } from '../src/database/data-source';
import { AuditLog } from '../src/pii/audit-log';
import { encrypted, encryptedJson } from '../src/pii/encrypted.transformer';
import { PiiCipher } from '../src/pii/pii.cipher';
import { reencryptColumn } from '../src/pii/rotate';

const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const dbName = `cx_test_pii_${randomBytes(4).toString('hex')}`;
const dbUrl = `${PG}/${dbName}`;

interface Address {
  city: string;
  street: string;
}

@Entity('person')
class PersonEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { nullable: true, transformer: encrypted() })
  phone!: string | null;

  @Column('text', { nullable: true })
  phoneHash!: string | null;

  @Column('text', { nullable: true, transformer: encryptedJson() })
  address!: Address | null;
}

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const hashKey = randomBytes(32);
const oldCipher = new PiiCipher({ keys: new Map([['k1', k1]]), activeKeyId: 'k1', hashKey });
const newCipher = new PiiCipher({
  keys: new Map([
    ['k1', k1],
    ['k2', k2],
  ]),
  activeKeyId: 'k2',
  hashKey,
});

describe('personal data in Postgres', () => {
  let ds: DataSource;

  beforeAll(async () => {
    await migrate({ url: dbUrl });
    ds = new DataSource(dataSourceOptions({ url: dbUrl, entities: [PersonEntity], poolSize: 4 }));
    await ds.initialize();
    await ds.query(`CREATE TABLE person (id uuid PRIMARY KEY, phone text, phone_hash text, address text)`);
    await ds.query(`CREATE INDEX ix_person_phone_hash ON person (phone_hash)`);
    await ds.query(`CREATE TABLE contact (id bigserial PRIMARY KEY, email text, note text)`);
  });

  afterAll(async () => {
    PiiCipher.uninstall();
    await ds?.destroy();
    const admin = new Client({ connectionString: `${PG}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  });

  describe('encrypted() transformer', () => {
    beforeEach(() => PiiCipher.install(newCipher));

    it('stores ciphertext and reads plain text back, null passing through', async () => {
      const repo = ds.getRepository(PersonEntity);
      const id = randomUUID();
      await repo.save({
        id,
        phone: '+86 138-0013-8000',
        phoneHash: newCipher.blindIndex('+86 138-0013-8000', 'phone'),
        address: { city: 'Shanghai', street: '1 Nanjing Rd' },
      });
      const nullId = randomUUID();
      await repo.save({ id: nullId, phone: null, phoneHash: null, address: null });

      const [raw] = await ds.query(`SELECT phone, address FROM person WHERE id = $1`, [id]);
      expect(raw.phone).toMatch(/^v1\.k2\./);
      // The whole number, not a fragment: base64 ciphertext holds any three digits now and then.
      expect(raw.phone).not.toContain('13800138000');
      expect(raw.phone).not.toContain('138-0013-8000');
      expect(raw.address).toMatch(/^v1\.k2\./);
      expect(raw.address).not.toContain('Shanghai');

      const loaded = await repo.findOneByOrFail({ id });
      expect(loaded.phone).toBe('+86 138-0013-8000');
      expect(loaded.address).toEqual({ city: 'Shanghai', street: '1 Nanjing Rd' });

      const [rawNull] = await ds.query(`SELECT phone, address FROM person WHERE id = $1`, [nullId]);
      expect(rawNull).toEqual({ phone: null, address: null });
      expect(await repo.findOneByOrFail({ id: nullId })).toMatchObject({ phone: null, address: null });
    });

    it('finds a person by a differently formatted phone through the blind index', async () => {
      const repo = ds.getRepository(PersonEntity);
      const id = randomUUID();
      await repo.save({
        id,
        phone: '+86 139 1111 2222',
        phoneHash: newCipher.blindIndex('+86 139 1111 2222', 'phone'),
        address: null,
      });
      const found = await repo.findBy({ phoneHash: newCipher.blindIndex('+8613911112222', 'phone') });
      expect(found.map((p) => p.id)).toEqual([id]);
      expect(found[0].phone).toBe('+86 139 1111 2222');
    });

    it('re-encrypts an updated value', async () => {
      const repo = ds.getRepository(PersonEntity);
      const id = randomUUID();
      await repo.save({ id, phone: '+1 555 0100', phoneHash: null, address: null });
      const person = await repo.findOneByOrFail({ id });
      person.phone = '+1 555 0199';
      await repo.save(person);
      const [raw] = await ds.query(`SELECT phone FROM person WHERE id = $1`, [id]);
      expect(newCipher.decrypt(raw.phone)).toBe('+1 555 0199');
    });

    it('fails clearly when no cipher was installed', async () => {
      PiiCipher.uninstall();
      await expect(
        ds.getRepository(PersonEntity).save({ id: randomUUID(), phone: 'x', phoneHash: null, address: null }),
      ).rejects.toThrow(/No PII cipher installed/);
    });
  });

  describe('AuditLog', () => {
    const audit = () => new AuditLog(ds);
    const entry = (subjectId: string) => ({
      actor: { sub: 'agent-7', roles: ['agent'] },
      action: 'read' as const,
      subjectType: 'customer',
      subjectId,
      fields: ['phone', 'email'],
      purpose: 'complaint 42',
    });

    it('writes nothing when the surrounding transaction rolls back', async () => {
      const subjectId = randomUUID();
      await expect(
        ds.transaction(async (em) => {
          await audit().record(entry(subjectId), em);
          expect(
            await em.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1`, [subjectId]),
          ).toEqual([{ n: 1 }]);
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      expect(await audit().findForSubject('customer', subjectId)).toEqual([]);
    });

    it('persists the entry with the transaction that commits', async () => {
      const subjectId = randomUUID();
      await ds.transaction(async (em) => {
        await audit().record({ ...entry(subjectId), action: 'update', fields: ['phone'] }, em);
      });
      await audit().record(entry(subjectId)); // outside a transaction
      const rows = await audit().findForSubject('customer', subjectId);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({
        actorId: 'agent-7',
        actorRole: 'agent',
        action: 'update',
        subjectType: 'customer',
        subjectId,
        fields: ['phone'],
        purpose: 'complaint 42',
        traceId: null,
      });
      expect(rows[1]).toMatchObject({ action: 'read', fields: ['phone', 'email'] });
      expect(rows[0].at).toBeInstanceOf(Date);
      expect(await audit().findForSubject('customer', randomUUID())).toEqual([]);
    });

    it('refuses an unknown action', async () => {
      await expect(audit().record({ ...entry('x'), action: 'delete' as never })).rejects.toThrow(
        /Unknown audit action/,
      );
      await expect(audit().recordGrouped({ ...entry('x'), action: 'delete' as never })).rejects.toThrow(
        /Unknown audit action/,
      );
    });

    it('commits the entries of concurrent reads together, each settled once its own row is written', async () => {
      const log = audit();
      const subjects = Array.from({ length: 40 }, () => randomUUID());
      await Promise.all(subjects.map((s, i) => log.recordGrouped({ ...entry(s), purpose: `read ${i}` })));
      const rows = await ds.query<
        { subject_id: string; purpose: string; actor_id: string; fields: string[] }[]
      >(`SELECT subject_id, purpose, actor_id, fields FROM audit_log WHERE subject_id = ANY($1::text[])`, [
        subjects,
      ]);
      // One row per read; the order the rows were written in is the batcher's, not the callers'.
      const order = new Map<string, number>(subjects.map((s, i) => [s, i]));
      rows.sort((a, b) => order.get(a.subject_id)! - order.get(b.subject_id)!);
      expect(rows).toEqual(
        subjects.map((s, i) => ({
          subject_id: s,
          purpose: `read ${i}`,
          actor_id: 'agent-7',
          fields: ['phone', 'email'],
        })),
      );
      // Fewer statements than reads: the first is written at once, the others wait and go together.
      const statements = await ds.query<{ n: number }[]>(
        `SELECT count(DISTINCT xmin::text)::int AS n FROM audit_log WHERE subject_id = ANY($1::text[])`,
        [subjects],
      );
      expect(statements[0].n).toBeLessThan(subjects.length);
    });

    it('fails the read whose entry cannot be written, and only that one', async () => {
      const log = audit();
      const good = randomUUID();
      const results = await Promise.allSettled([
        log.recordGrouped(entry(good)),
        log.recordGrouped({ ...entry(randomUUID()), subjectType: null as never }),
        log.recordGrouped(entry(good)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await log.findForSubject('customer', good)).toHaveLength(2);
    });
  });

  describe('reencryptColumn', () => {
    it('rewrites only values of old keys, in batches, and is idempotent', async () => {
      const plainOld = Array.from({ length: 5 }, (_, i) => `old${i}@example.com`);
      const plainNew = Array.from({ length: 3 }, (_, i) => `new${i}@example.com`);
      for (const p of plainOld)
        await ds.query(`INSERT INTO contact (email) VALUES ($1)`, [oldCipher.encrypt(p)]);
      for (const p of plainNew)
        await ds.query(`INSERT INTO contact (email) VALUES ($1)`, [newCipher.encrypt(p)]);
      await ds.query(`INSERT INTO contact (email) VALUES (NULL), (NULL)`);
      const before: { id: string; email: string | null }[] = await ds.query(
        `SELECT id::text, email FROM contact ORDER BY id`,
      );

      const count = await reencryptColumn(ds, {
        table: 'contact',
        idColumn: 'id',
        column: 'email',
        cipher: newCipher,
        batchSize: 2,
      });
      expect(count).toBe(5);

      const after: { id: string; email: string | null }[] = await ds.query(
        `SELECT id::text, email FROM contact ORDER BY id`,
      );
      expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
      after.forEach((row, i) => {
        const was = before[i].email;
        if (was === null) return expect(row.email).toBeNull();
        expect(newCipher.keyIdOf(row.email!)).toBe('k2');
        expect(newCipher.decrypt(row.email!)).toBe(newCipher.decrypt(was));
        // rows already on the active key are left byte for byte
        if (newCipher.keyIdOf(was) === 'k2') expect(row.email).toBe(was);
        else expect(row.email).not.toBe(was);
      });
      // The old key can now be dropped: a cipher without it reads everything.
      const onlyK2 = new PiiCipher({ keys: new Map([['k2', k2]]), activeKeyId: 'k2', hashKey });
      for (const row of after) if (row.email) expect(onlyK2.decrypt(row.email)).toMatch(/@example\.com$/);

      expect(
        await reencryptColumn(ds, { table: 'contact', idColumn: 'id', column: 'email', cipher: newCipher }),
      ).toBe(0);
    });

    it('works on a uuid key through the entity, which then reads the new tokens', async () => {
      PiiCipher.install(oldCipher);
      const repo = ds.getRepository(PersonEntity);
      await ds.query(`DELETE FROM person`);
      const ids = Array.from({ length: 7 }, () => randomUUID());
      for (const [i, id] of ids.entries())
        await repo.save({ id, phone: `+44 20 7946 00${i}0`, phoneHash: null, address: null });

      PiiCipher.install(newCipher);
      expect(
        await reencryptColumn(ds, {
          table: 'person',
          idColumn: 'id',
          column: 'phone',
          cipher: newCipher,
          batchSize: 3,
        }),
      ).toBe(7);
      const raw: { phone: string }[] = await ds.query(`SELECT phone FROM person`);
      expect(raw.every((r) => r.phone.startsWith('v1.k2.'))).toBe(true);
      const people = await repo.findBy({});
      expect(people.map((p) => p.phone).sort()).toEqual(ids.map((_, i) => `+44 20 7946 00${i}0`).sort());
    });

    it('stops at plain text unless asked to encrypt it', async () => {
      await ds.query(`INSERT INTO contact (note) VALUES ('plain note'), ($1)`, [
        oldCipher.encrypt('old note'),
      ]);
      await expect(
        reencryptColumn(ds, { table: 'contact', idColumn: 'id', column: 'note', cipher: newCipher }),
      ).rejects.toThrow(/is not encrypted/);
      // the failed batch rolled back: the old-key row is untouched
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM contact WHERE note LIKE 'v1.k1.%'`);
      expect(n).toBe(1);
      expect(
        await reencryptColumn(ds, {
          table: 'contact',
          idColumn: 'id',
          column: 'note',
          cipher: newCipher,
          encryptPlaintext: true,
        }),
      ).toBe(2);
      const notes: { note: string }[] = await ds.query(
        `SELECT note FROM contact WHERE note IS NOT NULL ORDER BY id`,
      );
      expect(notes.map((r) => newCipher.decrypt(r.note))).toEqual(['plain note', 'old note']);
    });

    it('refuses odd identifiers', async () => {
      await expect(
        reencryptColumn(ds, {
          table: 'contact; drop table x',
          idColumn: 'id',
          column: 'email',
          cipher: newCipher,
        }),
      ).rejects.toThrow(/unusual table name/);
      await expect(
        reencryptColumn(ds, { table: 'contact', idColumn: 'id', column: 'Email"', cipher: newCipher }),
      ).rejects.toThrow(/unusual column name/);
    });
  });
});
