import { escapeLiteral } from 'pg';
import { inlineParameters, literal, quoteLiteral, renumberParameters } from './inline-sql';

describe('inlineParameters', () => {
  it('writes each $n as the literal of its value', () => {
    expect(inlineParameters('SELECT $1, $2, $10', [1, 'a', null, 4, 5, 6, 7, 8, 9, true])).toBe(
      "SELECT '1', 'a', 'true'",
    );
    expect(inlineParameters('SELECT $1::int + $1::int', [2])).toBe("SELECT '2'::int + '2'::int");
  });

  it('leaves $n alone inside strings, quoted identifiers, dollar quotes and comments', () => {
    const sql = `SELECT '$1', E'it\\'s $1', "col$1", $$ $1 $$, $tag$ $1 $tag$, $1 -- $1
      /* $1 /* nested $1 */ $1 */ FROM t$1`;
    expect(inlineParameters(sql, ['x']))
      .toBe(`SELECT '$1', E'it\\'s $1', "col$1", $$ $1 $$, $tag$ $1 $tag$, 'x' -- $1
      /* $1 /* nested $1 */ $1 */ FROM t$1`);
    expect(inlineParameters(`SELECT 'it''s $1', $1`, ['y'])).toBe(`SELECT 'it''s $1', 'y'`);
  });

  it('refuses a statement that refers to a parameter it was not given', () => {
    expect(() => inlineParameters('SELECT $2', ['only one'])).toThrow(/\$2, 1 parameter/);
    expect(() => inlineParameters('SELECT $0', [])).toThrow(RangeError);
  });

  it('quotes text exactly as pg.escapeLiteral does', () => {
    const texts = [
      '',
      'plain',
      "'",
      "''",
      '\\',
      "\\'",
      "a'b\\c'd\\\\",
      " E'x",
      '中文 🎉',
      'tab\tnl\n',
      '\u0000',
      'x'.repeat(5000) + "'",
    ];
    for (const t of texts) expect(quoteLiteral(t)).toBe(escapeLiteral(t));
    // Every string of up to three characters from the ones that matter.
    const alphabet = ["'", '\\', 'a', 'E', ' '];
    const all = [''];
    for (let len = 0; len < 3; len++)
      for (const s of all.filter((x) => x.length === len)) for (const c of alphabet) all.push(s + c);
    for (const t of all) expect(quoteLiteral(t)).toBe(escapeLiteral(t));
  });

  it('reuses the parse of a statement text with new values each time', () => {
    const sql = 'INSERT INTO t (a, b) VALUES ($1, $2) -- $3';
    expect(inlineParameters(sql, ['x', 1])).toBe("INSERT INTO t (a, b) VALUES ('x', '1') -- $3");
    expect(inlineParameters(sql, ["y'", null])).toBe("INSERT INTO t (a, b) VALUES ('y''', NULL) -- $3");
    expect(() => inlineParameters(sql, ['only one'])).toThrow(/\$2, 1 parameter/);
  });

  it('quotes what would break out of a literal', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(literal('back\\slash')).toBe(" E'back\\\\slash'");
    expect(literal(undefined)).toBe('NULL');
    expect(literal(Buffer.from([0, 255]))).toBe("'\\x00ff'");
  });
});

describe('renumberParameters', () => {
  it('moves each $n by the offset, leaving strings, identifiers, dollar quotes and comments alone', () => {
    expect(renumberParameters(`INSERT INTO t (a, "b$1", c) VALUES ($1, '$2', $2) -- $1`, 7)).toBe(
      `INSERT INTO t (a, "b$1", c) VALUES ($8, '$2', $9) -- $1`,
    );
    expect(renumberParameters('SELECT $1', 0)).toBe('SELECT $1');
  });
});
