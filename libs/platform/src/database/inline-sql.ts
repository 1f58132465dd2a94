// pg's own conversion of a JS value to the text of a query parameter (exported by pg's package map).
import { prepareValue } from 'pg/lib/utils';

/**
 * A statement with its parameters written into its text, for the simple query protocol: several
 * statements in one message run in one implicit transaction, in one round trip (ADR 0010). Each `$n`
 * becomes the literal of the value pg would have sent as parameter n, converted by pg's own
 * `prepareValue` and quoted as pg's `escapeLiteral` quotes: an untyped literal, resolved from its
 * context as an untyped parameter is. `$n` inside quoted strings, quoted identifiers, dollar-quoted
 * strings and comments is left alone.
 *
 * This runs for every message a write-only handler applies, so it allocates little: where the `$n` of a
 * statement text are is found once and kept (a handler's statements are a few fixed texts), and a value
 * is quoted in one piece instead of pg's character by character.
 */
export function inlineParameters(sql: string, params: readonly unknown[] = []): string {
  const { pieces, refs } = templateOf(sql);
  let out = pieces[0];
  for (let k = 0; k < refs.length; k++) {
    const index = refs[k];
    if (index < 1 || index > params.length)
      throw new RangeError(`statement refers to $${index}, ${params.length} parameter(s) given`);
    out += literal(params[index - 1]) + pieces[k + 1];
  }
  return out;
}

/** The SQL literal of a value as pg would send it as a parameter: NULL, or a quoted untyped literal. */
export function literal(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'`;
  return quoteLiteral(prepared);
}

/**
 * pg's `escapeLiteral`, same output: quotes doubled, and when the text has a backslash, backslashes
 * doubled in an E'...' string (with pg's leading space). pg builds it a character at a time, which
 * allocates a string per character; this copies the text once when it needs no escaping.
 */
export function quoteLiteral(text: string): string {
  const quote = text.includes("'");
  const backslash = text.includes('\\');
  if (!quote && !backslash) return `'${text}'`;
  let body = quote ? text.replaceAll("'", "''") : text;
  if (!backslash) return `'${body}'`;
  body = body.replaceAll('\\', '\\\\');
  return ` E'${body}'`;
}

/**
 * Joins statements into one simple-protocol query: one round trip, one implicit transaction. A statement
 * without params is taken as it is (its text is not searched for `$n`).
 */
export function oneTransaction(statements: readonly { sql: string; params?: readonly unknown[] }[]): string {
  return statements.map((s) => (s.params?.length ? inlineParameters(s.sql, s.params) : s.sql)).join(';\n');
}

/** The rows of an INSERT made by insertValues(): `${head} VALUES ${values} ${tail}`. */
export interface InsertRows {
  head: string;
  values: string;
  tail: string;
}

/**
 * A multi-row INSERT, `${head} VALUES ${values} ${tail}` (`values` the row tuples, with `$n` of `params`;
 * `tail` e.g. an ON CONFLICT clause). Run as it is in a transaction; in a write-only batch (ADR 0010) its
 * rows join those of the same head and tail from the batch's other messages in one INSERT (ADR 0036).
 */
export function insertValues(
  head: string,
  values: string,
  tail = '',
  params?: readonly unknown[],
): { sql: string; params?: readonly unknown[]; rows: InsertRows } {
  return {
    sql: tail ? `${head} VALUES ${values} ${tail}` : `${head} VALUES ${values}`,
    params,
    rows: { head, values, tail },
  };
}

/**
 * The statements of a write-only batch (ADR 0036), each INSERT made by insertValues() joined with the others
 * of the same head and tail into one multi-row INSERT, in the order each head first appears, the values
 * written into the text. Postgres spends most of a small INSERT's time on the statement (parse, plan,
 * executor and ON CONFLICT set-up), not on its rows. Only when every statement is such an INSERT: joining
 * would move the others' rows ahead of or behind statements in between. Rows whose `tail` updates a row
 * twice in one statement (ON CONFLICT DO UPDATE) make it fail, as any failing statement of the batch does.
 */
export function joinInserts(
  statements: readonly {
    sql: string;
    params?: readonly unknown[];
    rows?: InsertRows;
  }[],
): { sql: string; params?: readonly unknown[] }[] {
  if (!statements.every((s) => s.rows)) return [...statements];
  const joined = new Map<string, { head: string; tail: string; values: string[] }>();
  for (const { rows, params } of statements) {
    const { head, values, tail } = rows!;
    const key = `${head}\u0000${tail}`;
    let insert = joined.get(key);
    if (!insert) joined.set(key, (insert = { head, tail, values: [] }));
    insert.values.push(params?.length ? inlineParameters(values, params) : values);
  }
  return [...joined.values()].map(({ head, tail, values }) => ({
    sql: insertValues(head, values.join(', '), tail).sql,
  }));
}

/**
 * The statement with each `$n` written as `$(n + offset)`, so that statements with parameters of their
 * own can be joined into one (their parameter lists concatenated). `$n` inside quoted strings,
 * identifiers, dollar-quoted strings and comments is left alone, as in inlineParameters.
 */
export function renumberParameters(sql: string, offset: number): string {
  if (offset === 0) return sql;
  const { pieces, refs } = templateOf(sql);
  let out = pieces[0];
  for (let k = 0; k < refs.length; k++) out += `$${refs[k] + offset}` + pieces[k + 1];
  return out;
}

/** A statement text cut at its `$n`: pieces[k] + $refs[k] + pieces[k + 1] + ... */
interface Template {
  pieces: string[];
  refs: number[];
}

/** Templates of the statement texts seen; bounded, in case a caller builds texts with values in them. */
const templates = new Map<string, Template>();
const MAX_TEMPLATES = 1_000;

function templateOf(sql: string): Template {
  let t = templates.get(sql);
  if (t) return t;
  t = parseTemplate(sql);
  if (templates.size >= MAX_TEMPLATES) templates.clear();
  templates.set(sql, t);
  return t;
}

function parseTemplate(sql: string): Template {
  const pieces: string[] = [];
  const refs: number[] = [];
  let from = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === "'") i = endOfQuoted(sql, i, "'", isEscapeString(sql, i));
    else if (c === '"') i = endOfQuoted(sql, i, '"', false);
    else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === '/' && next === '*') i = endOfBlockComment(sql, i);
    else if (c === '$') {
      const param = /^\$(\d+)/.exec(sql.slice(i, i + 12));
      if (param && !isIdentifierChar(sql[i - 1])) {
        pieces.push(sql.slice(from, i));
        refs.push(Number(param[1]));
        i += param[0].length;
        from = i;
        continue;
      }
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66));
      if (tag && !isIdentifierChar(sql[i - 1])) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
      } else i++;
    } else i++;
  }
  pieces.push(sql.slice(from));
  return { pieces, refs };
}

const isIdentifierChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);

/** E'...' strings take backslash escapes (the E may be preceded by nothing that makes it part of a word). */
function isEscapeString(sql: string, quote: number): boolean {
  const e = sql[quote - 1];
  return (e === 'E' || e === 'e') && !isIdentifierChar(sql[quote - 2]);
}

/** Index just past the closing quote; a doubled quote is part of the text, as is a backslash escape in E'...'. */
function endOfQuoted(sql: string, open: number, quote: string, backslashEscapes: boolean): number {
  for (let i = open + 1; i < sql.length; i++) {
    const c = sql[i];
    if (backslashEscapes && c === '\\') i++;
    else if (c === quote) {
      if (sql[i + 1] === quote) i++;
      else return i + 1;
    }
  }
  return sql.length;
}

/** Block comments nest in Postgres. */
function endOfBlockComment(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; i++) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i++;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return sql.length;
}
