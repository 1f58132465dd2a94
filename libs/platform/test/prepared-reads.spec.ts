import { randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { encrypted } from '../src/pii/encrypted.transformer';
import { PreparedRead } from '../src/database/prepared-reads';
import { entityTable, EntityTable } from './support/entity-table';

@Entity('widget')
class WidgetEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true, transformer: encrypted() }) secret!: string | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('jsonb') parts!: { ref: string }[];
  @Column('timestamptz') madeAt!: Date;
  @Column('boolean') sold!: boolean;
}

describe('PreparedRead (real Postgres)', () => {
  let table: EntityTable | undefined;
  let ds: DataSource;

  beforeAll(async () => {
    table = await entityTable(
      WidgetEntity,
      `CREATE TABLE widget (id uuid PRIMARY KEY, name text NOT NULL, secret text, tags text[] NOT NULL,
      parts jsonb NOT NULL, made_at timestamptz NOT NULL, sold boolean NOT NULL)`,
      1,
    );
    ds = table.ds;
  });

  afterAll(async () => {
    await table?.stop();
  });

  it('answers what a TypeORM read answers (transformers applied), prepared once per connection', async () => {
    const made = [
      Object.assign(new WidgetEntity(), {
        id: randomUUID(),
        name: 'a',
        secret: 'the code is 1234',
        tags: ['x', 'y,z'],
        parts: [{ ref: 'p-1' }],
        madeAt: new Date('2026-03-27T16:00:00.123Z'),
        sold: true,
      }),
      Object.assign(new WidgetEntity(), {
        id: randomUUID(),
        name: 'b',
        secret: null,
        tags: [],
        parts: [],
        madeAt: new Date('2026-03-28T00:00:00.000Z'),
        sold: false,
      }),
    ];
    await ds.getRepository(WidgetEntity).insert(made);
    const read = new PreparedRead(
      ds,
      WidgetEntity,
      'test_widget_by_id',
      (select) =>
        `SELECT ${select('w')}, 1 AS extra FROM widget w WHERE w.id = ANY($1::uuid[]) ORDER BY w.name`,
    );
    for (let round = 0; round < 2; round++) {
      const rows = await read.run([made.map((w) => w.id)]);
      expect(rows.map((r) => r.extra)).toEqual([1, 1]);
      const entities = rows.map((r) => read.toEntity(r));
      expect(entities[0]).toBeInstanceOf(WidgetEntity);
      expect(entities).toEqual(await ds.getRepository(WidgetEntity).find({ order: { name: 'ASC' } }));
      expect(entities).toEqual(made);
    }
    // The pool's one connection: the statement was prepared there, once.
    const prepared = await ds.query(`SELECT name FROM pg_prepared_statements`);
    expect(prepared).toEqual([{ name: 'test_widget_by_id' }]);
    expect(read.sql).toContain('"w"."made_at" AS "made_at"');
  });
});
