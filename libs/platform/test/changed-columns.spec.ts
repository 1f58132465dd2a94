import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { encrypted } from '../src/pii/encrypted.transformer';
import { ChangedColumns } from '../src/database/changed-columns';
import { PreparedRead } from '../src/database/prepared-reads';
import { entityTable, EntityTable } from './support/entity-table';

@Entity('sprocket')
class SprocketEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true, transformer: encrypted() }) secret!: string | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('jsonb') parts!: { ref: string }[];
  @Column('timestamptz', { nullable: true }) soldAt!: Date | null;
  @Column('int') version!: number;
}

describe('ChangedColumns and PreparedRead.runIn (real Postgres)', () => {
  let table: EntityTable | undefined;
  let ds: DataSource;
  let read: PreparedRead<SprocketEntity>;
  let changes: ChangedColumns<SprocketEntity>;
  const statements: string[] = [];

  beforeAll(async () => {
    table = await entityTable(
      SprocketEntity,
      `CREATE TABLE sprocket (id uuid PRIMARY KEY, name text NOT NULL, secret text, tags text[] NOT NULL,
      parts jsonb NOT NULL, sold_at timestamptz, version int NOT NULL)`,
    );
    ds = table.ds;
    read = new PreparedRead(
      ds,
      SprocketEntity,
      'test_sprocket_lock',
      (select) => `SELECT ${select('s')} FROM sprocket s WHERE s.id = $1 FOR UPDATE`,
    );
    changes = new ChangedColumns(ds, SprocketEntity);
  });

  afterAll(async () => {
    await table?.stop();
  });

  const made = async (): Promise<SprocketEntity> => {
    const s = Object.assign(new SprocketEntity(), {
      id: randomUUID(),
      name: 'a',
      secret: 'the code is 1234',
      tags: ['x'],
      parts: [{ ref: 'p-1' }],
      soldAt: null,
      version: 1,
    });
    await ds.getRepository(SprocketEntity).insert({ ...s });
    return s;
  };
  const ciphertext = async (id: string) =>
    (await ds.query<{ secret: string }[]>(`SELECT secret FROM sprocket WHERE id = $1`, [id]))[0].secret;

  /** Reads and locks the row in a transaction, applies `change`, writes back what changed. */
  const change = (id: string, apply: (s: SprocketEntity) => void) =>
    ds.transaction(async (em) => {
      const [row] = await read.runIn(em, [id]);
      const s = read.toEntity(row);
      const before = changes.snapshot(s);
      apply(s);
      // The statements the update sends, on the transaction's runner.
      const runner = em.queryRunner!;
      const query = runner.query;
      runner.query = ((sql: string, ...rest: unknown[]) => {
        statements.push(sql);
        return (query as (...a: unknown[]) => Promise<unknown>).call(runner, sql, ...rest);
      }) as typeof runner.query;
      try {
        return await changes.update(em, s, before);
      } finally {
        runner.query = query;
      }
    });

  it('writes only the columns a change touched, through their transformers, seen as a TypeORM read sees them', async () => {
    const s = await made();
    const stored = await ciphertext(s.id);
    statements.length = 0;
    const soldAt = new Date('2026-03-27T16:00:00.123Z');
    expect(
      await change(s.id, (x) => {
        x.parts.push({ ref: 'p-2' }); // a change in place of a JSON value counts
        x.soldAt = soldAt;
        x.version += 1;
      }),
    ).toBe(1);
    expect(statements).toEqual([
      'UPDATE "sprocket" SET "parts" = $1, "sold_at" = $2, "version" = $3 WHERE "id" = $4',
    ]);
    expect(await ds.getRepository(SprocketEntity).findOneByOrFail({ id: s.id })).toEqual({
      ...s,
      parts: [{ ref: 'p-1' }, { ref: 'p-2' }],
      soldAt,
      version: 2,
    });
    expect(await ciphertext(s.id)).toBe(stored); // untouched: not encrypted again

    statements.length = 0;
    await change(s.id, (x) => {
      x.secret = 'another code';
      x.tags = ['x', 'y,z'];
    });
    expect(statements).toEqual(['UPDATE "sprocket" SET "secret" = $1, "tags" = $2 WHERE "id" = $3']);
    expect(await ciphertext(s.id)).toMatch(/^v1\./);
    expect(await ds.getRepository(SprocketEntity).findOneByOrFail({ id: s.id })).toMatchObject({
      secret: 'another code',
      tags: ['x', 'y,z'],
    });
  });

  it('sends nothing when nothing changed (the same time in another Date is no change)', async () => {
    const s = await made();
    await change(s.id, (x) => (x.soldAt = new Date(0)));
    statements.length = 0;
    expect(await change(s.id, (x) => (x.soldAt = new Date(0)))).toBe(0);
    expect(statements).toEqual([]);
  });

  it('runIn reads on the transaction: its FOR UPDATE holds the row until the commit', async () => {
    const s = await made();
    const order: string[] = [];
    let locked!: () => void;
    const held = new Promise<void>((r) => (locked = r));
    const first = ds.transaction(async (em) => {
      await read.runIn(em, [s.id]);
      locked();
      await new Promise((r) => setTimeout(r, 300));
      order.push('first commits');
    });
    await held;
    await ds.transaction(async (em) => {
      await read.runIn(em, [s.id]);
      order.push('second read');
    });
    await first;
    expect(order).toEqual(['first commits', 'second read']);
  });
});
