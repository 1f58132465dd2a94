import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { encrypted } from '../src/pii/encrypted.transformer';
import { insertNewRows, insertRows } from '../src/database/insert-rows';
import { entityTable, EntityTable } from './support/entity-table';

@Entity('gadget')
class GadgetEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true, transformer: encrypted() }) secret!: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) tags!: string[];
  @Column('jsonb', { default: [] }) parts!: { ref: string }[];
  @Column('timestamptz') madeAt!: Date;
  @Column('double precision') weight!: number;
  @Column('boolean') sold!: boolean;
  @Column('int', { default: 7 }) version!: number;
}

describe('insertRows (real Postgres)', () => {
  let table: EntityTable | undefined;
  let ds: DataSource;

  beforeAll(async () => {
    table = await entityTable(
      GadgetEntity,
      `CREATE TABLE gadget (id uuid PRIMARY KEY, name text NOT NULL, secret text, tags text[] NOT NULL DEFAULT '{}',
      parts jsonb NOT NULL DEFAULT '[]', made_at timestamptz NOT NULL, weight double precision NOT NULL, sold boolean NOT NULL,
      version int NOT NULL DEFAULT 7)`,
    );
    ds = table.ds;
  });

  afterAll(async () => {
    await table?.stop();
  });

  const gadget = (over: Partial<GadgetEntity> = {}): GadgetEntity =>
    Object.assign(new GadgetEntity(), {
      id: randomUUID(),
      name: 'O\'Brien\'s "gadget"',
      secret: 'the code is 1234',
      tags: ['a', 'b,c', 'd"e'],
      parts: [{ ref: 'p-1' }, { ref: 'p-2' }],
      madeAt: new Date('2026-03-27T16:00:00.123Z'),
      weight: 1.25,
      sold: false,
      version: 3,
      ...over,
    });

  it('writes what Repository.insert writes, in one statement for many rows', async () => {
    const viaRepository = gadget();
    const viaInsertRows = [
      gadget(),
      gadget({ secret: null, tags: [], parts: [], sold: true }),
      gadget({ version: undefined }),
    ];
    await ds.getRepository(GadgetEntity).insert({ ...viaRepository });
    await ds.transaction((em) => insertRows(em, GadgetEntity, viaInsertRows));

    const read = (id: string) => ds.getRepository(GadgetEntity).findOneByOrFail({ id });
    const { id: _a, ...expected } = await read(viaRepository.id);
    const { id: _b, ...actual } = await read(viaInsertRows[0].id);
    expect(actual).toEqual(expected);
    expect(await read(viaInsertRows[1].id)).toMatchObject({ secret: null, tags: [], parts: [], sold: true });
    expect((await read(viaInsertRows[2].id)).version).toBe(7); // undefined: the column's default

    // Stored encrypted, as through the repository.
    const raw = await ds.query<{ secret: string }[]>(`SELECT secret FROM gadget WHERE id = $1`, [
      viaInsertRows[0].id,
    ]);
    expect(raw[0].secret).toMatch(/^v1\./);
  });

  it('splits a batch above the parameter limit of one statement', async () => {
    const many = Array.from({ length: 7_300 }, (_, i) => gadget({ name: `bulk-${i}` })); // 9 columns: > 65,000 parameters
    await ds.transaction((em) => insertRows(em, GadgetEntity, many));
    const [{ n }] = await ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM gadget WHERE name LIKE 'bulk-%'`,
    );
    expect(n).toBe(7_300);
  });

  it('skips rows that conflict with one already there when asked to, and fails without', async () => {
    const first = gadget({ name: 'conflict-first' });
    await ds.transaction((em) => insertRows(em, GadgetEntity, [first]));
    const again = gadget({ id: first.id, name: 'conflict-again' });
    const fresh = gadget({ name: 'conflict-fresh' });
    await expect(ds.transaction((em) => insertRows(em, GadgetEntity, [again, fresh]))).rejects.toThrow(
      /duplicate key/,
    );
    await ds.transaction((em) => insertRows(em, GadgetEntity, [again, fresh], { ignoreConflicts: true }));
    const names = await ds.query<{ name: string }[]>(
      `SELECT name FROM gadget WHERE name LIKE 'conflict-%' ORDER BY name`,
    );
    expect(names.map((r) => r.name)).toEqual(['conflict-first', 'conflict-fresh']);
  });

  it('insertNewRows tells how many rows it wrote: the caller knows whether its row was taken', async () => {
    const first = gadget({ name: 'new-first' });
    expect(await ds.transaction((em) => insertNewRows(em, GadgetEntity, [first]))).toBe(1);
    const again = gadget({ id: first.id, name: 'new-again' });
    const fresh = gadget({ name: 'new-fresh' });
    expect(await ds.transaction((em) => insertNewRows(em, GadgetEntity, [again, fresh]))).toBe(1);
    expect(await ds.transaction((em) => insertNewRows(em, GadgetEntity, [again]))).toBe(0);
    const names = await ds.query<{ name: string }[]>(
      `SELECT name FROM gadget WHERE name LIKE 'new-%' ORDER BY name`,
    );
    expect(names.map((r) => r.name)).toEqual(['new-first', 'new-fresh']);
  });
});
