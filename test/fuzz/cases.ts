// Requests for the fuzz suite, built from a service's OpenAPI document: one valid-looking request per
// operation and the ways to break it. Pure: a seeded PRNG makes the same cases for the same seed.

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

export interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  security?: Record<string, unknown>[];
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One request to send, and what its answer must show. */
export interface FuzzCase {
  /** What was broken, for the failure report. */
  what: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * A field the answer must name when it is a 400 (in `errors[].field` or the detail): the mutated
   * body property or query parameter.
   */
  names?: string;
  /** The input breaks the documented schema: a 2xx answer is a failure too. */
  invalid?: boolean;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
export const UNKNOWN_UUID = '017f22e2-79b0-7cc3-98c4-dc0c0c07398f';
const HUGE = '9'.repeat(40);
const LONG = 'x'.repeat(100 * 1024);
const WEIRD = ['名字\u0000空', '😀👍🏽\u200d', '\ud800', "'; DROP TABLE x; --", '\u202e\u0007'];

export class Resolver {
  constructor(private readonly doc: OpenApiDocument) {}

  /** The schema with `$ref` and `allOf` resolved one level at a time. */
  resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      return this.resolve(this.doc.components?.schemas?.[name]);
    }
    if (schema.allOf?.length) {
      const parts = schema.allOf.map((s) => this.resolve(s));
      return parts.reduce<Schema>(
        (acc, p) => ({
          ...acc,
          ...p,
          properties: { ...acc.properties, ...p.properties },
          required: [...(acc.required ?? []), ...(p.required ?? [])],
        }),
        { ...schema, allOf: undefined },
      );
    }
    return schema;
  }
}

/** A string that fits the schema's format as a client would send it. */
function stringFor(s: Schema, name: string, rand: () => number): string {
  if (s.example !== undefined && typeof s.example === 'string') return s.example;
  if (s.format === 'uuid') return UNKNOWN_UUID;
  if (s.format === 'date-time') return '2026-03-04T05:06:07Z';
  if (s.format === 'date') return '2026-03-04';
  if (s.format === 'email') return 'fuzz@example.com';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.com/x';
  if (/month/i.test(name)) return '2026-03';
  if (/date|day/i.test(name)) return '2026-03-04';
  if (/(At|From|To|Since|Until|from|to)$/.test(name)) return '2026-03-04T05:06:07Z';
  if (/email/i.test(name)) return 'fuzz@example.com';
  if (/phone|mobile/i.test(name)) return '+8613800138000';
  const n = Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 12, 12));
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  let out = '';
  for (let i = 0; i < n; i++) out += letters[Math.floor(rand() * letters.length)];
  return out;
}

/** A value that a client reading the document would think valid (it may still miss a pattern). */
export function validFor(r: Resolver, schema: Schema | undefined, name: string, rand: () => number): unknown {
  const s = r.resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.oneOf?.length || s.anyOf?.length) return validFor(r, (s.oneOf ?? s.anyOf)![0], name, rand);
  switch (s.type ?? '') {
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? 1;
      const hi = s.maximum ?? Math.max(lo, 5);
      return Math.min(hi, Math.max(lo, Math.floor(lo + rand() * Math.min(5, hi - lo + 1))));
    }
    case 'boolean':
      return true;
    case 'array': {
      const n = Math.max(s.minItems ?? 1, 1);
      return Array.from({ length: Math.min(n, s.maxItems ?? n) }, () => validFor(r, s.items, name, rand));
    }
    case 'string':
      return stringFor(s, name, rand);
    default:
      if (s.properties || s.type === 'object') {
        const out: Record<string, unknown> = {};
        for (const [key, prop] of Object.entries(s.properties ?? {})) out[key] = validFor(r, prop, key, rand);
        return out;
      }
      return 'x';
  }
}

/** Timestamps and dates a parser may take but Postgres or the calendar may not. */
const EDGE_TIMES = [
  '2026-02-30T10:00:00Z',
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '9999-12-31T23:59:59+14:00',
  '2026-03-04T05:06:07',
  '2026-03-04T24:00:00Z',
];
const EDGE_DATES = ['2026-02-30', '0000-01-01', '99999-01-01', '2026-3-4', '1900-01-01'];
const ALPHABET = [
  ...'aZ09 -_.,:/@#%&*+"\\\'<>{}[]\n\t\r',
  '名',
  '空',
  '😀',
  '\u200b',
  '\u0301',
  '\u00ff',
  '\ufeff',
];

/** Anything JSON can carry, drawn by the PRNG: the part of a run a seed changes. */
export function randomValue(rand: () => number, depth = 0): unknown {
  const pick = Math.floor(rand() * (depth > 1 ? 6 : 8));
  switch (pick) {
    case 0:
      return Math.floor((rand() - 0.5) * 2 ** (1 + Math.floor(rand() * 70)));
    case 1:
      return (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
    case 2:
      return rand() < 0.5;
    case 3:
      return null;
    case 4:
    case 5: {
      const n = Math.floor(rand() ** 3 * 300);
      let out = '';
      for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(rand() * ALPHABET.length)];
      return out;
    }
    case 6:
      return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 3); i > 0; i--) out[`k${i}`] = randomValue(rand, depth + 1);
      return out;
    }
  }
}

/** Values of the wrong JSON type for a property of this schema. */
function wrongTypes(s: Schema): unknown[] {
  switch (s.type ?? '') {
    case 'integer':
    case 'number':
      return ['12', true, null, {}];
    case 'boolean':
      return ['true', 1, null];
    case 'array':
      return [{}, 'a', null];
    case 'string':
      return [12, false, null, ['a'], {}];
    default:
      return s.properties ? ['x', 7, null, []] : [];
  }
}

/** Values of the right type that no schema of this kind should accept, or that stress the storage. */
function outOfRange(s: Schema): unknown[] {
  switch (s.type ?? '') {
    case 'integer':
      return [-1, 1e308, 2 ** 53 + 2, 2147483648, 1.5];
    case 'number':
      return [-1e308, 1e308];
    case 'string':
      return [
        LONG,
        '',
        ...WEIRD,
        ...(s.enum ? ['not-an-enum-value'] : []),
        ...(s.format === 'date-time' ? EDGE_TIMES : []),
        ...(s.format === 'date' ? EDGE_DATES : []),
      ];
    case 'array':
      return [Array.from({ length: 2000 }, () => 1), []];
    default:
      return [];
  }
}

/** The schema's own limits are broken (a 2xx would be a failure), not only stressed. */
function breaksSchema(s: Schema, v: unknown): boolean {
  if (s.enum) return !s.enum.includes(v);
  if (typeof v === 'number') {
    if (s.type === 'integer' && !Number.isInteger(v)) return true;
    return (s.minimum !== undefined && v < s.minimum) || (s.maximum !== undefined && v > s.maximum);
  }
  if (typeof v === 'string' && s.type === 'string')
    return (
      (s.maxLength !== undefined && v.length > s.maxLength) ||
      (s.minLength !== undefined && v.length < s.minLength)
    );
  if (Array.isArray(v) && s.type === 'array')
    return (
      (s.maxItems !== undefined && v.length > s.maxItems) ||
      (s.minItems !== undefined && v.length < s.minItems)
    );
  return false;
}

function withQuery(url: string, query: Record<string, string>): string {
  const qs = new URLSearchParams(query).toString();
  return qs ? `${url}?${qs}` : url;
}

export interface FuzzOperation {
  method: string;
  template: string;
  op: OpenApiOperation;
}

export function operationsOf(doc: OpenApiDocument): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item))
      if (HTTP_METHODS.has(method)) out.push({ method: method.toUpperCase(), template, op });
  return out;
}

/** The valid-looking request first, then every mutation; the caller samples the mutations. */
export function casesFor(
  doc: OpenApiDocument,
  { method, template, op }: FuzzOperation,
  pathValues: Record<string, string>,
  rand: () => number,
): { valid: FuzzCase; mutations: FuzzCase[] } {
  const r = new Resolver(doc);
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');

  const pathOf = (override: Record<string, string> = {}) => {
    let url = template;
    for (const p of pathParams) {
      const s = r.resolve(p.schema);
      const value =
        override[p.name] ??
        pathValues[p.name] ??
        (s.format === 'uuid' ? UNKNOWN_UUID : String(validFor(r, s, p.name, rand)));
      url = url.replace(`{${p.name}}`, encodeURIComponent(value));
    }
    return url;
  };
  const query: Record<string, string> = {};
  for (const p of queryParams) if (p.required) query[p.name] = String(validFor(r, p.schema, p.name, rand));

  const json = op.requestBody?.content?.['application/json'];
  const multipart = op.requestBody?.content?.['multipart/form-data'];
  const bodySchema = json ? r.resolve(json.schema) : undefined;
  const body = bodySchema ? validFor(r, bodySchema, 'body', rand) : undefined;
  const base = pathOf();
  const valid: FuzzCase = { what: 'valid-looking request', url: withQuery(base, query), body };
  const mutations: FuzzCase[] = [];
  const add = (c: Omit<FuzzCase, 'url'> & { url?: string }) => mutations.push({ url: valid.url, body, ...c });

  // Path parameters: not a UUID where one is expected, unknown, traversal, NUL and huge.
  for (const p of pathParams) {
    const s = r.resolve(p.schema);
    const bad = s.format === 'uuid' ? ['not-a-uuid', '123', UNKNOWN_UUID.toUpperCase() + 'x'] : [];
    for (const v of [...bad, UNKNOWN_UUID, '../../etc', '\u0000', HUGE, 'x'.repeat(2000), '😀'])
      add({
        what: `path ${p.name}=${JSON.stringify(v.slice(0, 40))}`,
        url: withQuery(pathOf({ [p.name]: v }), query),
      });
    // Not valid percent-encoding: the router refuses it before any handler.
    add({
      what: `path ${p.name}=%E0%A4%A`,
      url: withQuery(pathOf({ [p.name]: 'PLACEHOLDER' }), query).replace('PLACEHOLDER', '%E0%A4%A'),
    });
  }

  // Query parameters: each missing (required), wrong, out of range, unknown.
  for (const p of queryParams) {
    const s = r.resolve(p.schema);
    if (p.required) {
      const { [p.name]: _, ...rest } = query;
      add({ what: `query ${p.name} missing`, url: withQuery(base, rest), names: p.name, invalid: true });
    }
    const bad = new Set<string>([
      '2026-13-45',
      '-1',
      '1e308',
      'NaN',
      HUGE,
      'not valid',
      '',
      LONG,
      '名\u0000',
    ]);
    if (/limit/i.test(p.name)) ['0', '-5', '1.5', '100000'].forEach((v) => bad.add(v));
    if (s.format?.startsWith('date') || /date|from|to|since|until|at$/i.test(p.name))
      [...EDGE_TIMES, ...EDGE_DATES].forEach((v) => bad.add(v));
    bad.add(String(randomValue(rand)));
    if (/cursor/i.test(p.name)) ['!!!', 'eyJ4IjoxfQ', '%%%', 'bnVsbA'].forEach((v) => bad.add(v));
    for (const v of bad) {
      const invalid =
        (s.enum !== undefined && !s.enum.includes(v)) ||
        (s.type === 'integer' && !/^-?\d+$/.test(v)) ||
        (s.format?.startsWith('date') === true && /13-45/.test(v));
      add({
        what: `query ${p.name}=${JSON.stringify(v.slice(0, 40))}`,
        url: withQuery(base, { ...query, [p.name]: v }),
        names: p.name,
        invalid,
      });
    }
  }
  add({ what: 'unknown query parameter', url: withQuery(base, { ...query, fuzzUnknown: '1' }) });

  if (bodySchema && body && typeof body === 'object' && !Array.isArray(body)) {
    const obj = body as Record<string, unknown>;
    for (const name of bodySchema.required ?? []) {
      const { [name]: _, ...rest } = obj;
      add({ what: `body ${name} missing`, body: rest, names: name, invalid: true });
    }
    for (const [name, prop] of Object.entries(bodySchema.properties ?? {})) {
      const s = r.resolve(prop);
      for (const v of wrongTypes(s)) {
        // null for an optional property: many DTOs take it for absent (IsOptional), so only a 5xx fails.
        if (v === null && (s.nullable || !(bodySchema.required ?? []).includes(name))) {
          add({ what: `body ${name}=null`, body: { ...obj, [name]: null }, names: name });
          continue;
        }
        add({
          what: `body ${name}=${JSON.stringify(v)}`,
          body: { ...obj, [name]: v },
          names: name,
          invalid: true,
        });
      }
      for (const v of [randomValue(rand), randomValue(rand)])
        add({
          what: `body ${name}=${JSON.stringify(v)?.slice(0, 60)} (random)`,
          body: { ...obj, [name]: v },
          names: name,
        });
      for (const v of outOfRange(s))
        add({
          what: `body ${name}=${JSON.stringify(v).slice(0, 40)}`,
          body: { ...obj, [name]: v },
          names: name,
          invalid: breaksSchema(s, v),
        });
      // One level down: the first item of a list of objects, or a nested object, gets a wrong type.
      const inner = s.type === 'array' ? r.resolve(s.items) : s;
      for (const [child, childSchema] of Object.entries(inner.properties ?? {})) {
        const cs = r.resolve(childSchema);
        const v = cs.type === 'string' ? 7 : 'x';
        const value = obj[name];
        const broken =
          s.type === 'array' && Array.isArray(value) && value.length > 0
            ? [{ ...(value[0] as object), [child]: v }, ...value.slice(1)]
            : value && typeof value === 'object'
              ? { ...value, [child]: v }
              : undefined;
        if (broken !== undefined)
          add({
            what: `body ${name}.${child}=${JSON.stringify(v)}`,
            body: { ...obj, [name]: broken },
            names: child,
            invalid: true,
          });
      }
    }
    add({
      what: 'body with an unknown property',
      body: { ...obj, fuzzUnknown: 1 },
      names: 'fuzzUnknown',
      invalid: true,
    });
    const text = JSON.stringify(obj);
    const proto = `${text.slice(0, -1)}${text === '{}' ? '' : ','}"__proto__":{"isAdmin":true}}`;
    add({ what: 'body with __proto__', body: proto, headers: { 'content-type': 'application/json' } });
  }
  if (json || multipart || ['POST', 'PUT', 'PATCH'].includes(method)) {
    const ct = { 'content-type': 'application/json' };
    // A body whose fields are all optional may be left out.
    const needsBody = Boolean(json && op.requestBody?.required && bodySchema?.required?.length);
    add({ what: 'malformed JSON', body: '{"a": ', headers: ct, invalid: Boolean(json) });
    add({ what: 'empty JSON body', body: '', headers: ct, invalid: needsBody });
    add({ what: 'JSON array body', body: '[1,2]', headers: ct, invalid: Boolean(json) });
    add({ what: 'JSON string body', body: '"x"', headers: ct, invalid: Boolean(json) });
    add({ what: 'JSON null body', body: 'null', headers: ct, invalid: needsBody });
    add({
      what: 'text/plain body',
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
      invalid: Boolean(json),
    });
    add({
      what: 'XML body',
      body: '<a/>',
      headers: { 'content-type': 'application/xml' },
      invalid: Boolean(json),
    });
    add({
      what: 'deeply nested JSON',
      body: '['.repeat(5000) + ']'.repeat(5000),
      headers: ct,
      invalid: Boolean(json),
    });
    add({ what: 'no body', body: undefined, invalid: needsBody });
    // The Idempotency-Key header, where a create takes one (ignored elsewhere).
    for (const key of ['', ' ', 'k'.repeat(5000), 'ü-key', '../../x'])
      add({
        what: `Idempotency-Key of ${key.length} characters`,
        headers: { 'idempotency-key': key, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
  }
  return { valid, mutations };
}

/** `n` of the cases, drawn by the PRNG (all of them when there are fewer). */
export function sample<T>(items: T[], n: number, rand: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}
